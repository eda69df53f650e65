/**
 * The digit pad's behaviour, loaded on first use (DigitPad.astro). Strokes (pointer or keyboard) are drawn on the
 * canvas; the drawing is preprocessed here (preprocess.ts, each step shown) and read in the worker by the chosen
 * LeNet-5, at most one reading at a time and a few per second while the pen moves.
 */
import type { DigitNetwork } from '~/runtime/protocol';
import { OutputView } from '../run/output-view';
import { RunSession } from '../run/run-session';
import { photoToInk, preprocess, type Grey, type Preprocessed } from './preprocess';
import { SAMPLE_DIGITS } from './samples';

/** Readings while drawing: at most one per this many milliseconds. */
const WHILE_DRAWING_MS = 250;
const PEN = 20;
/** A photo larger than this is refused: decoding it could take the page's memory. */
const MAX_PHOTO_BYTES = 20 * 2 ** 20;
const MAX_PHOTO_SIDE = 8000;
const KEY_STEP = 14;

export function mountPad(root: HTMLElement, first?: Event): void {
  if (root.dataset.ready) return;
  root.dataset.ready = 'true';
  const canvas = root.querySelector<HTMLCanvasElement>('[data-pad-canvas]')!;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
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
  const session = new RunSession({ host: root, badge, stop, resume: canvas });
  const view = new OutputView(root.querySelector('[data-pad-output]')!, { onRetryWith: () => void read() });

  const clearCanvas = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  };
  clearCanvas();
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = PEN;
  ctx.lineCap = ctx.lineJoin = 'round';

  let digit: Preprocessed | null = null;
  // Which drawing the shown reading is of: `data-current` on the result says it is of the drawing on the pad.
  let drawn = 0;
  const markCurrent = (read: number) => prediction.toggleAttribute('data-current', read === drawn);
  const network = () =>
    (root.querySelector<HTMLInputElement>('input[name=network]:checked')?.value ?? 'shipped') as DigitNetwork;

  const greyOfCanvas = (): Grey => {
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return {
      width: canvas.width,
      height: canvas.height,
      data: Float32Array.from({ length: data.length / 4 }, (_, i) => data[4 * i]! / 255),
    };
  };

  const showSteps = (pre: Preprocessed | null, before: Array<[string, Grey]> = []) => {
    const shown: Array<[string, Grey]> = pre
      ? [
          ...before,
          ['1. cropped to the ink', pre.cropped],
          ['2. scaled to fit 20×20', pre.scaled],
          ['3. centred by mass in 28×28', pre.centred],
        ]
      : before;
    steps.replaceChildren(
      ...shown.map(([caption, image]) => {
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
      }),
    );
  };

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

  // One reading at a time; a drawing that changes meanwhile is read as soon as the current reading ends.
  let busy = false;
  let again = false;
  const read = () =>
    reading_().catch((e: unknown) => {
      busy = false;
      reading.textContent = `The pad could not read the digit: ${e instanceof Error ? e.message : String(e)}`;
      console.error(e);
    });
  const reading_ = async () => {
    if (!digit) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true; // before any await: two readings must never race (the second would stop the first's worker)
    const version = drawn;
    if (await session.busyElsewhere()) {
      reading.textContent = 'The worker is busy (a training or a snippet on this page). Draw again once it is done.';
      busy = false;
      return;
    }
    const pixels = Array.from(digit.centred.data, (v) => Math.min(1, Math.max(0, v)));
    await session.start({ type: 'read-digit', pixels, network: network() }, 'auto', view, {
      onEvent: (event) => {
        if (event.type === 'digit-reading') showReading(event.probabilities, event.about);
        if (event.type === 'done') markCurrent(version);
      },
    });
    busy = false;
    if (again) {
      again = false;
      void read();
    }
  };

  // While the pen moves, the drawing is preprocessed and read a few times a second; when it lifts, at once.
  let last = 0;
  const update = (now: boolean) => {
    const t = performance.now();
    if (!now && t - last < WHILE_DRAWING_MS) return;
    last = t;
    drawn++;
    markCurrent(-1);
    digit = preprocess(greyOfCanvas());
    showSteps(digit);
    explore.disabled = !digit;
    if (digit) void read();
  };

  // Pointer drawing: mouse, pen and touch alike.
  let drawing = false;
  const at = (e: PointerEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * canvas.width, ((e.clientY - r.top) / r.height) * canvas.height];
  };
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    try {
      canvas.setPointerCapture(e.pointerId);
    } catch {
      // a replayed first press (see the end of mountPad) may no longer be capturable; drawing works without
    }
    const [x, y] = at(e);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 0.1, y);
    ctx.stroke();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    const [x, y] = at(e);
    ctx.lineTo(x, y);
    ctx.stroke();
    update(false);
  });
  const end = () => {
    if (!drawing) return;
    drawing = false;
    update(true);
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  // Keyboard drawing: a visible cursor, arrows move it, Space lowers or lifts the pen.
  let cursor: [number, number] = [canvas.width / 2, canvas.height / 2];
  let penDown = false;
  canvas.addEventListener('keydown', (e) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [0, -KEY_STEP],
      ArrowDown: [0, KEY_STEP],
      ArrowLeft: [-KEY_STEP, 0],
      ArrowRight: [KEY_STEP, 0],
    };
    if (e.key === ' ') {
      e.preventDefault();
      penDown = !penDown;
      hint.textContent = penDown ? 'Pen down: the arrow keys draw.' : 'Pen up: the arrow keys move without drawing.';
      if (penDown) {
        ctx.beginPath();
        ctx.moveTo(...cursor);
        ctx.lineTo(cursor[0] + 0.1, cursor[1]);
        ctx.stroke();
      } else update(true);
      return;
    }
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const next: [number, number] = [
      Math.min(canvas.width, Math.max(0, cursor[0] + move[0])),
      Math.min(canvas.height, Math.max(0, cursor[1] + move[1])),
    ];
    if (penDown) {
      ctx.beginPath();
      ctx.moveTo(...cursor);
      ctx.lineTo(...next);
      ctx.stroke();
    }
    cursor = next;
    hint.textContent = `Pen ${penDown ? 'down' : 'up'} at ${Math.round((100 * cursor[0]) / canvas.width)}% across, ${Math.round((100 * cursor[1]) / canvas.height)}% down.`;
    if (penDown) update(false);
  });

  const clear = () => {
    clearCanvas();
    drawn++;
    markCurrent(-1);
    digit = null;
    showSteps(null);
    explore.disabled = true;
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
    for (const stroke of strokes) {
      ctx.beginPath();
      stroke.forEach(([x, y], i) => (i ? ctx.lineTo : ctx.moveTo).call(ctx, x * canvas.width, y * canvas.height));
      ctx.stroke();
    }
    update(true);
  });

  photo.addEventListener('change', () => void readPhoto());
  const readPhoto = async () => {
    const file = photo.files?.[0];
    if (!file) return;
    clear();
    const fail = (message: string) => (reading.textContent = message);
    if (file.size === 0) return fail('That file is empty.');
    if (file.size > MAX_PHOTO_BYTES)
      return fail(`That file is ${(file.size / 2 ** 20).toFixed(0)} MB; photos up to 20 MB work.`);
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(file);
    } catch {
      return fail('That file is not an image this browser can read (try a JPEG or PNG photo).');
    }
    if (bitmap.width > MAX_PHOTO_SIDE || bitmap.height > MAX_PHOTO_SIDE)
      return fail(`That photo is ${bitmap.width}×${bitmap.height} pixels; up to ${MAX_PHOTO_SIDE} on a side works.`);
    // Work at most 280 pixels on a side: enough for a 20×20 digit, and fast.
    const scale = Math.min(1, canvas.width / Math.max(bitmap.width, bitmap.height));
    const [w, h] = [Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale))];
    const work = new OffscreenCanvas(w, h).getContext('2d')!;
    work.drawImage(bitmap, 0, 0, w, h);
    bitmap.close();
    const { grey, ink, inverted } = photoToInk(work.getImageData(0, 0, w, h).data, w, h);
    drawn++;
    digit = preprocess(ink);
    const before: Array<[string, Grey]> = [
      ['a. the photo in grey', grey],
      [inverted ? 'b. inverted (dark ink on light paper) and thresholded' : 'b. thresholded', ink],
    ];
    showSteps(digit, before);
    explore.disabled = !digit;
    if (!digit) return fail('No digit found in that photo: try one with a single dark digit on plain paper.');
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

  // The interaction that loaded this code: a pointer press on the canvas starts a stroke right away.
  if (first instanceof PointerEvent && first.type === 'pointerdown' && first.target === canvas)
    canvas.dispatchEvent(new PointerEvent('pointerdown', first));
}
