/**
 * The explorer's receptive-field view: a unit picked by a click on a feature map (the first gallery of the output,
 * whose items are the layer's channels in order) or typed into the form, and the worker's answer drawn twice over
 * the input: the window the unit's layers let it see, and its effective field as a heat map inside that window;
 * and, for the unit's channel, the nine test digits that excite it most.
 */
import type { ExplorerUnit, WorkerEvent } from '~/runtime/protocol';
import { word } from '../client/words';

type Field = Extract<WorkerEvent, { type: 'receptive-field' }>;

/** Draws the input in grey, then `tint` over it (0–1 per pixel) and the window's outline, scaled up to `scale`. */
function draw(canvas: HTMLCanvasElement, event: Field, tint: Float32Array | null): void {
  const { width, height, image, box } = event;
  const scale = Math.max(1, Math.ceil(224 / Math.max(width, height)));
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d')!;
  const pixels = ctx.createImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    const grey = 255 * image[i]! * (tint ? 0.35 : 1);
    const heat = tint ? 255 * tint[i]! : 0;
    pixels.data.set([Math.min(255, grey + heat), Math.min(255, grey + heat * 0.55), grey, 255], 4 * i);
  }
  const small = new OffscreenCanvas(width, height);
  small.getContext('2d')!.putImageData(pixels, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
  ctx.strokeStyle = '#ff3b30';
  ctx.lineWidth = Math.max(2, scale / 2);
  ctx.strokeRect(
    box.left * scale,
    box.top * scale,
    (box.right - box.left + 1) * scale,
    (box.bottom - box.top + 1) * scale,
  );
}

type Top = Extract<WorkerEvent, { type: 'top-images' }>;

/** The nine digits as small pictures, each captioned with its place in the test split, its label and activation. */
function topFigures(event: Top): HTMLElement[] {
  return event.images.map(({ index, label, activation, pixels }) => {
    const figure = document.createElement('figure');
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 28;
    const image = canvas.getContext('2d')!.createImageData(28, 28);
    pixels.forEach((v, i) => image.data.set([255 * v, 255 * v, 255 * v, 255], 4 * i));
    canvas.getContext('2d')!.putImageData(image, 0, 0);
    const caption = word('explorer.top.item', { index, label, activation: activation.toFixed(2) });
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', caption);
    const text = document.createElement('figcaption');
    text.textContent = caption;
    figure.append(canvas, text);
    return figure;
  });
}

export function receptiveFieldView(
  root: HTMLElement,
  options: { run: (unit: ExplorerUnit) => Promise<void>; top: (channel: number) => Promise<void> },
) {
  const form = root.querySelector<HTMLFormElement>('[data-rf-form]')!;
  const figure = root.querySelector<HTMLElement>('[data-receptive-field]')!;
  const windowCanvas = root.querySelector<HTMLCanvasElement>('[data-rf-window]')!;
  const heatCanvas = root.querySelector<HTMLCanvasElement>('[data-effective-rf]')!;
  const caption = root.querySelector<HTMLElement>('[data-rf-caption]')!;
  const key = root.querySelector<HTMLElement>('[data-rf-key]')!;
  const maps = root.querySelector<HTMLElement>('[data-feature-maps]')!;
  const fields = (['channel', 'row', 'col'] as const).map(
    (name) => form.elements.namedItem(`rf-${name}`) as HTMLInputElement,
  );
  const topButton = form.querySelector<HTMLButtonElement>('[data-action=top-images]')!;
  const top = root.querySelector<HTMLElement>('[data-top-images]')!;
  form.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled = topButton.disabled = false;
  topButton.addEventListener('click', () => void options.top(unit().channel));

  const unit = (): ExplorerUnit => {
    const [channel, row, col] = fields.map((f) => f.valueAsNumber - 1) as [number, number, number];
    return { channel, row, col };
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void options.run(unit());
  });
  // A click on a feature map: its channel is the item's place in the first gallery, the position where it landed.
  maps.addEventListener('click', (e) => {
    const canvas = (e.target as Element).closest('canvas');
    const gallery = maps.querySelector('.course-out__gallery');
    if (!canvas || !gallery?.contains(canvas)) return;
    const items = [...gallery.querySelectorAll('canvas')];
    const rect = canvas.getBoundingClientRect();
    const row = Math.floor(((e.clientY - rect.top) / rect.height) * canvas.height);
    const col = Math.floor(((e.clientX - rect.left) / rect.width) * canvas.width);
    [fields[0]!.value, fields[1]!.value, fields[2]!.value] = [items.indexOf(canvas), row, col].map((v) =>
      String(v + 1),
    );
    form.requestSubmit();
  });

  return {
    showTop(event: Top) {
      top.hidden = false;
      root.querySelector('[data-top-grid]')!.replaceChildren(...topFigures(event));
      root.querySelector('[data-top-caption]')!.textContent = word('explorer.top.caption', {
        layer: event.layer,
        channel: event.channel + 1,
      });
    },
    say(message: string) {
      figure.hidden = false;
      windowCanvas.hidden = heatCanvas.hidden = key.hidden = true;
      caption.textContent = message;
    },
    show(event: Field) {
      figure.hidden = false;
      windowCanvas.hidden = heatCanvas.hidden = key.hidden = false;
      draw(windowCanvas, event, null);
      draw(heatCanvas, event, event.heat);
      const { box, size, unit: u } = event;
      caption.textContent = word('explorer.rf.caption', {
        layer: event.layer,
        channel: u.channel + 1,
        row: u.row + 1,
        col: u.col + 1,
        height: size[0],
        width: size[1],
        top: box.top + 1,
        bottom: box.bottom + 1,
        left: box.left + 1,
        right: box.right + 1,
        share: Math.round(100 * event.centreShare),
      });
    },
  };
}
