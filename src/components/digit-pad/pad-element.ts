/**
 * The digit pad's wiring, loaded on first use (DigitPad.astro). Strokes on the canvas (pad-canvas.ts), a sample or
 * a photo (pad-photo.ts) are preprocessed here (preprocess.ts, each step shown) and read in the worker by the chosen
 * LeNet-5 (reading-scheduler.ts: one reading at a time, a few per second while the pen moves).
 */
import type { DigitNetwork, Text } from '~/runtime/protocol';
import { pageLang, text, word } from '../client/words';
import { OutputView } from '../run/output-view';
import { RunSession } from '../run/run-session';
import { PadCanvas } from './pad-canvas';
import { showExplanation } from './explanation';
import { showLabChoices } from './lab-choices';
import { inkOfPhoto } from './pad-photo';
import { preprocess, type Grey, type Preprocessed } from './preprocess';
import { atMostEvery, oneReadingAtATime, type ReadOutcome } from './reading-scheduler';
import { SAMPLE_DIGITS } from './samples';

/** Readings while drawing: at most one per this many milliseconds. */
const WHILE_DRAWING_MS = 250;

/** The preprocessing steps as small captioned canvases. */
function stepFigures(shown: Array<[string, Grey]>): HTMLElement[] {
  return shown.map(([caption, image]) => {
    const figure = document.createElement('figure');
    figure.className = 'digit-pad__step';
    const c = document.createElement('canvas');
    [c.width, c.height] = [image.width, image.height];
    c.setAttribute('role', 'img');
    c.setAttribute('aria-label', word('pad.step.image', { caption, width: image.width, height: image.height }));
    const pixels = c.getContext('2d')!.createImageData(image.width, image.height);
    image.data.forEach((v, i) => pixels.data.set([v * 255, v * 255, v * 255, 255], 4 * i));
    c.getContext('2d')!.putImageData(pixels, 0, 0);
    const text = document.createElement('figcaption');
    text.textContent = caption;
    figure.append(c, text);
    return figure;
  });
}

export function mountPad(root: HTMLElement, first?: Event): void {
  const hint = root.querySelector<HTMLElement>('[data-pad-hint]')!;
  const steps = root.querySelector<HTMLElement>('[data-steps]')!;
  const prediction = root.querySelector<HTMLElement>('[data-prediction]')!;
  const reading = root.querySelector<HTMLElement>('[data-reading]')!;
  const bars = [...root.querySelectorAll<HTMLElement>('[data-bars] li')];
  const sample = root.querySelector<HTMLSelectElement>('select[name=sample]')!;
  const photo = root.querySelector<HTMLInputElement>('input[name=photo]')!;
  const explore = root.querySelector<HTMLButtonElement>('[data-action=explore]')!;
  const stop = root.querySelector<HTMLButtonElement>('[data-action=stop]')!;
  const badge = root.querySelector<HTMLElement>('[data-badge]')!;
  const canvasElement = root.querySelector<HTMLCanvasElement>('[data-pad-canvas]')!;
  const explainMenu = root.querySelector<HTMLSelectElement>('select[name=explain]')!;
  const session = new RunSession({ host: root, badge, stop, resume: canvasElement });
  const view = new OutputView(root.querySelector('[data-pad-output]')!, { onRetryWith: () => void read() });
  const due = atMostEvery(WHILE_DRAWING_MS);

  let digit: Preprocessed | null = null;
  // Which drawing the shown reading is of: `data-current` on the result says it is of the drawing on the pad.
  let drawn = 0;
  const markCurrent = (read: number) => prediction.toggleAttribute('data-current', read === drawn);
  const network = () =>
    (root.querySelector<HTMLInputElement>('input[name=network]:checked')?.value ?? 'lenet5') as DigitNetwork;

  const showSteps = (pre: Preprocessed | null, before: Array<[string, Grey]> = []) =>
    steps.replaceChildren(
      ...stepFigures(
        pre
          ? [
              ...before,
              [word('pad.step.cropped'), pre.cropped],
              [word('pad.step.scaled'), pre.scaled],
              [word('pad.step.centred'), pre.centred],
            ]
          : before,
      ),
    );

  const percent = (p: number) =>
    (100 * p).toLocaleString(pageLang(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const showReading = (probabilities: number[], about: Text) => {
    const top = probabilities.indexOf(Math.max(...probabilities));
    prediction.dataset.class = String(top);
    bars.forEach((li, d) => {
      const p = probabilities[d] ?? 0;
      li.classList.toggle('is-top', d === top);
      li.querySelector<HTMLElement>('.digit-pad__bar span')!.style.width = `${(100 * p).toFixed(1)}%`;
      li.querySelector('.digit-pad__value')!.textContent = `${percent(p)}%`;
    });
    const probability = percent(probabilities[top]!);
    reading.textContent = word('pad.reading.result', { digit: top, probability, network: text(about) });
  };

  const readOnce = async (): Promise<ReadOutcome> => {
    if (!digit) return 'skipped';
    const version = drawn;
    if (await session.busyElsewhere()) {
      reading.textContent = word('pad.reading.busy');
      return 'skipped';
    }
    const pixels = Array.from(digit.centred.data, (v) => Math.min(1, Math.max(0, v)));
    const explain = explainMenu.value === '' ? null : Number(explainMenu.value);
    await session.start({ type: 'read-digit', pixels, network: network(), explain }, 'auto', view, {
      onEvent: (event) => {
        if (event.type === 'digit-reading') showReading(event.probabilities, event.about);
        if (event.type === 'digit-explanation') showExplanation(root, Float32Array.from(pixels), event);
        if (event.type === 'done') markCurrent(version);
      },
    });
    return 'read';
  };
  const read = oneReadingAtATime(readOnce, (e) => {
    // The error is the browser's own (the pad's session failed outside any run), in its language.
    reading.textContent = word('pad.reading.failed', { error: e instanceof Error ? e.message : String(e) });
    console.error(e);
  });

  /** A new drawing (or none): preprocessed, its steps shown, and read when there is a digit. */
  const newDrawing = (pre: Preprocessed | null, before?: Array<[string, Grey]>) => {
    drawn++;
    digit = pre;
    showSteps(digit, before);
    explore.disabled = !digit;
  };

  // While the pen moves, the drawing is preprocessed and read a few times a second; when it lifts, at once.
  const drawingChanged = (now: boolean) => {
    if (!due(now)) return;
    markCurrent(-1);
    newDrawing(preprocess(pad.grey()));
    if (digit) void read();
  };
  const pad = new PadCanvas(canvasElement, { changed: drawingChanged, hint: (text) => (hint.textContent = text) });

  const clear = () => {
    pad.clear();
    markCurrent(-1);
    newDrawing(null);
    prediction.dataset.class = '';
    reading.textContent = word('pad.reading.none');
    bars.forEach((li) => {
      li.classList.remove('is-top');
      li.querySelector<HTMLElement>('.digit-pad__bar span')!.style.width = '0%';
      li.querySelector('.digit-pad__value')!.textContent = '–';
    });
    view.clear();
  };
  root.querySelector('[data-action=clear]')!.addEventListener('click', clear);

  sample.addEventListener('change', () => {
    const strokes = SAMPLE_DIGITS[sample.value];
    if (!strokes) return;
    clear();
    pad.drawStrokes(strokes);
    drawingChanged(true);
  });

  photo.addEventListener('change', () => void readPhoto());
  const readPhoto = async () => {
    const file = photo.files?.[0];
    if (!file) return;
    clear();
    const photoInk = await inkOfPhoto(file, pad.width);
    if ('refused' in photoInk) return void (reading.textContent = photoInk.refused);
    const { grey, ink, inverted } = photoInk;
    newDrawing(preprocess(ink), [
      [word('pad.step.grey'), grey],
      [word(inverted ? 'pad.step.inverted' : 'pad.step.thresholded'), ink],
    ]);
    if (!digit) return void (reading.textContent = word('pad.photo.noDigit'));
    hint.textContent = word('pad.photo.readFrom', { name: file.name });
    void read();
  };

  explore.addEventListener('click', () => {
    if (!digit) return;
    root.dispatchEvent(
      new CustomEvent('course:explorer-input', {
        bubbles: true,
        detail: { shape: [28, 28, 1], data: Float32Array.from(digit.centred.data), label: word('pad.explore.label') },
      }),
    );
    reading.textContent = word('pad.explore.sent');
  });
  const networks = root.querySelector<HTMLFieldSetElement>('.digit-pad__networks')!;
  explainMenu.addEventListener('change', () => void read());
  showLabChoices(networks);
  // One listener for every choice, the lab's too, which come and go.
  networks.addEventListener('change', () => void read());

  // The interaction that woke the pad: a pointer press on the canvas starts a stroke right away.
  if (first instanceof PointerEvent && first.type === 'pointerdown' && first.target === canvasElement)
    canvasElement.dispatchEvent(new PointerEvent('pointerdown', first));
}
