/**
 * The pad's "what the network looked at": the worker's saliency and Grad-CAM maps (networks/explain.ts) drawn over
 * the digit it read, in the warm colour of a heat map on the grey digit, and which class and layer they explain.
 */
import type { WorkerEvent } from '~/runtime/protocol';
import { word } from '../client/words';

type Explanation = Extract<WorkerEvent, { type: 'digit-explanation' }>;

/** `heat` (0–1 per pixel) over the grey `digit` on a canvas of the digit's size; CSS scales it up. */
function overlay(canvas: HTMLCanvasElement, digit: Float32Array, heat: Float32Array | null): void {
  const side = Math.round(Math.sqrt(digit.length));
  canvas.width = canvas.height = side;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(side, side);
  digit.forEach((v, i) => {
    const grey = 110 * v;
    const h = heat ? 255 * heat[i]! : 0;
    image.data.set([Math.min(255, grey + h), Math.min(255, grey + 0.6 * h), grey, 255], 4 * i);
  });
  ctx.putImageData(image, 0, 0);
}

export function showExplanation(root: HTMLElement, digit: Float32Array, event: Explanation): void {
  overlay(root.querySelector<HTMLCanvasElement>('[data-saliency]')!, digit, event.saliency);
  overlay(root.querySelector<HTMLCanvasElement>('[data-gradcam]')!, digit, event.gradcam);
  root.querySelector('[data-why]')!.textContent = event.camLayer
    ? word('pad.why.explained', { digit: event.explained, layer: event.camLayer })
    : word('pad.why.noCam', { digit: event.explained });
}
