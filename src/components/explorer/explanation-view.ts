/**
 * The explorer's "what the network looks at": a class picked in its form (or the predicted one) and the worker's
 * saliency and Grad-CAM for the explorer's input, drawn over that input (run/heat-overlay.ts).
 */
import type { WorkerEvent } from '~/runtime/protocol';
import { text, word } from '../client/words';
import { heatOverlay } from '../run/heat-overlay';

type Explanation = Extract<WorkerEvent, { type: 'explanation' }>;

export function explanationView(root: HTMLElement, run: (cls: number | null) => Promise<void>) {
  const form = root.querySelector<HTMLFormElement>('[data-explain-form]')!;
  const figure = root.querySelector<HTMLElement>('[data-explanation]')!;
  const saliency = figure.querySelector<HTMLCanvasElement>('[data-saliency]')!;
  const gradcam = figure.querySelector<HTMLCanvasElement>('[data-gradcam]')!;
  const caption = figure.querySelector<HTMLElement>('[data-explain-caption]')!;
  const picked = form.elements.namedItem('explain-class') as HTMLSelectElement;
  form.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled = false;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void run(picked.value === '' ? null : Number(picked.value));
  });
  return {
    say(message: string) {
      figure.hidden = false;
      saliency.hidden = gradcam.hidden = true;
      caption.textContent = message;
    },
    show(event: Explanation) {
      figure.hidden = saliency.hidden = false;
      heatOverlay(saliency, event.image, event.saliency);
      gradcam.hidden = !event.gradcam;
      if (event.gradcam) heatOverlay(gradcam, event.image, event.gradcam);
      const values = {
        explained: event.explained,
        layer: event.camLayer ?? '',
        predicted: event.predicted,
        confidence: Math.round(1000 * event.confidence) / 10,
        weights: text(event.weights),
      };
      caption.textContent = word(event.gradcam ? 'explorer.explain.caption' : 'explorer.explain.captionNoCam', values);
    },
  };
}
