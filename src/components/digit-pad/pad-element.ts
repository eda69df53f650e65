/**
 * The digit pad's wiring, loaded on first use (DigitPad.astro). Strokes on the canvas (pad-canvas.ts), a sample or
 * a photo (pad-photo.ts) are preprocessed here (preprocess.ts, each step shown) and read in the worker by the chosen
 * LeNet-5 (reading-scheduler.ts: one reading at a time, a few per second while the pen moves).
 */
import type { DigitNetwork } from '~/runtime/protocol';
import { OutputView } from '../run/output-view';
import { RunSession } from '../run/run-session';
import { PadCanvas } from './pad-canvas';
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
    c.setAttribute('aria-label', `${caption}: ${image.width}×${image.height} pixels`);
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
  const session = new RunSession({ host: root, badge, stop, resume: canvasElement });
  const view = new OutputView(root.querySelector('[data-pad-output]')!, { onRetryWith: () => void read() });
  const due = atMostEvery(WHILE_DRAWING_MS);

  let digit: Preprocessed | null = null;
  // Which drawing the shown reading is of: `data-current` on the result says it is of the drawing on the pad.
  let drawn = 0;
  const markCurrent = (read: number) => prediction.toggleAttribute('data-current', read === drawn);
  const network = () =>
    (root.querySelector<HTMLInputElement>('input[name=network]:checked')?.value ?? 'shipped') as DigitNetwork;

  const showSteps = (pre: Preprocessed | null, before: Array<[string, Grey]> = []) =>
    steps.replaceChildren(
      ...stepFigures(
        pre
          ? [
              ...before,
              ['1. cropped to the ink', pre.cropped],
              ['2. scaled to fit 20×20', pre.scaled],
              ['3. centred by mass in 28×28', pre.centred],
            ]
          : before,
      ),
    );

  const showReading = (probabilities: number[], about: string) => {
    const top = probabilities.indexOf(Math.max(...probabilities));
    prediction.dataset.class = String(top);
    bars.forEach((li, d) => {
      const p = probabilities[d] ?? 0;
      li.classList.toggle('is-top', d === top);
      li.querySelector<HTMLElement>('.digit-pad__bar span')!.style.width = `${(100 * p).toFixed(1)}%`;
      li.querySelector('.digit-pad__value')!.textContent = `${(100 * p).toFixed(1)}%`;
    });
    reading.textContent = `It reads ${top}, with probability ${(100 * probabilities[top]!).toFixed(1)}%, using ${about}.`;
  };

  const readOnce = async (): Promise<ReadOutcome> => {
    if (!digit) return 'skipped';
    const version = drawn;
    if (await session.busyElsewhere()) {
      reading.textContent = 'The worker is busy (a training or a snippet on this page). Draw again once it is done.';
      return 'skipped';
    }
    const pixels = Array.from(digit.centred.data, (v) => Math.min(1, Math.max(0, v)));
    await session.start({ type: 'read-digit', pixels, network: network() }, 'auto', view, {
      onEvent: (event) => {
        if (event.type === 'digit-reading') showReading(event.probabilities, event.about);
        if (event.type === 'done') markCurrent(version);
      },
    });
    return 'read';
  };
  const read = oneReadingAtATime(readOnce, (e) => {
    reading.textContent = `The pad could not read the digit: ${e instanceof Error ? e.message : String(e)}`;
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
    reading.textContent = 'Nothing yet: draw a digit.';
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
      ['a. the photo in grey', grey],
      [inverted ? 'b. inverted (dark ink on light paper) and thresholded' : 'b. thresholded', ink],
    ]);
    if (!digit)
      return void (reading.textContent =
        'No digit found in that photo: try one with a single dark digit on plain paper.');
    hint.textContent = `Read from ${file.name}.`;
    void read();
  };

  explore.addEventListener('click', () => {
    if (!digit) return;
    root.dispatchEvent(
      new CustomEvent('course:explorer-input', {
        bubbles: true,
        detail: { shape: [28, 28, 1], data: Float32Array.from(digit.centred.data), label: 'your drawing' },
      }),
    );
    reading.textContent = 'Your drawing is now the explorer’s input: pick a layer there.';
  });
  for (const radio of root.querySelectorAll('input[name=network]')) radio.addEventListener('change', () => void read());

  // The interaction that woke the pad: a pointer press on the canvas starts a stroke right away.
  if (first instanceof PointerEvent && first.type === 'pointerdown' && first.target === canvasElement)
    canvasElement.dispatchEvent(new PointerEvent('pointerdown', first));
}
