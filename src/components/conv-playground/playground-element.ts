/**
 * The convolution playground's wiring (ConvPlayground.astro renders its form and readouts): the form's layer is
 * drawn as grids (each input channel with its padding, the kernels of the filter being computed, each output
 * channel), the window steps over the output cell by cell (buttons, arrow keys, Space to play), the trace line
 * spells out the sum that made the cell, and the first kernel filters a digit the reader draws or picks.
 */
import { pageLang, word } from '../client/words';
import { PadCanvas } from '../digit-pad/pad-canvas';
import { preprocess, SIDE } from '../digit-pad/preprocess';
import { SAMPLE_DIGITS } from '../digit-pad/samples';
import { divisors, readSpec, shapeOf } from './conv-fields';
import {
  channelsPerGroup,
  convolve,
  groupChannels,
  invalidReason,
  multiplyAdds,
  outputSide,
  parameters,
  presetKernel,
  seeded,
  taps,
  tfjsLayers,
  type ConvSpec,
  type KernelPreset,
} from './conv-math';

/** How long Play shows each output cell. */
const STEP_MS = 700;
/** Products the trace line writes out before it says how many more there are. */
const TERMS_SHOWN = 9;

interface Layer {
  spec: ConvSpec;
  input: Float32Array[];
  weights: Float32Array;
  output: Float32Array[];
}

/** The example's numbers: inputs 0–9 and the picked kernel for every filter and channel, the same on every visit. */
function layerOf(spec: ConvSpec, preset: KernelPreset): Layer {
  const input = Array.from({ length: spec.channels }, (_, c) =>
    Float32Array.from({ length: spec.size ** 2 }, (_, i) => Math.floor(seeded(1000 * c + i) * 10)),
  );
  const k2 = spec.kernel ** 2;
  const weights = new Float32Array(spec.filters * channelsPerGroup(spec) * k2);
  for (let i = 0; i < weights.length / k2; i++) weights.set(presetKernel(preset, spec.kernel, i + 1), i * k2);
  return { spec, input, weights, output: convolve(spec, input, weights) };
}

const number = (v: number) =>
  Number.isInteger(v) ? v.toLocaleString(pageLang()) : v.toLocaleString(pageLang(), { maximumFractionDigits: 2 });

/** A captioned grid of numbers; `cells` lists each cell's value (or null for padding) and classes. */
function grid(caption: string, side: number, cells: Array<{ value: number | null; classes: string[] }>): HTMLElement {
  const figure = document.createElement('figure');
  figure.className = 'conv-grid';
  const table = document.createElement('div');
  table.className = 'conv-grid__cells';
  table.style.setProperty('--side', String(side));
  table.setAttribute('role', 'img');
  table.setAttribute('aria-label', caption);
  for (const cell of cells) {
    const span = document.createElement('span');
    span.className = ['conv-grid__cell', ...cell.classes].join(' ');
    span.textContent = cell.value === null ? '0' : number(cell.value);
    table.append(span);
  }
  const text = document.createElement('figcaption');
  text.textContent = caption;
  figure.append(table, text);
  return figure;
}

export function mountPlayground(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('[data-conv-form]')!;
  const board = root.querySelector<HTMLElement>('[data-board]')!;
  const trace = root.querySelector<HTMLElement>('[data-trace]')!;
  const error = root.querySelector<HTMLElement>('[data-conv-error]')!;
  const groups = form.elements.namedItem('groups') as HTMLSelectElement;
  const weightsMenu = form.elements.namedItem('weights') as HTMLSelectElement;
  const [back, play, step] = (['back', 'play', 'step'] as const).map((a) =>
    root.querySelector<HTMLButtonElement>(`[data-action=${a}]`)!,
  ) as [HTMLButtonElement, HTMLButtonElement, HTMLButtonElement];
  const out = (name: string) => root.querySelector<HTMLElement>(`[data-${name}]`)!;

  let layer: Layer | null = null;
  /** The output cell being computed: filter-major, then row, then column. */
  let cursor = 0;
  let timer: ReturnType<typeof setInterval> | null = null;

  const cells = () => (layer ? layer.spec.filters * outputSide(layer.spec) ** 2 : 0);
  const position = () => {
    const side = outputSide(layer!.spec);
    return { filter: Math.floor(cursor / side ** 2), row: Math.floor(cursor / side) % side, col: cursor % side };
  };

  const pause = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    play.textContent = word('conv.action.play');
  };
  const moveTo = (next: number) => {
    if (!layer) return;
    cursor = (next + cells()) % cells();
    draw();
  };

  /** The groups menu offers only counts that divide both channel counts, keeping the reader's where it still does. */
  const offerGroups = (spec: ConvSpec) => {
    const allowed = divisors(spec);
    const keep = allowed.includes(Number(groups.value)) ? Number(groups.value) : 1;
    groups.replaceChildren(
      ...allowed.map((g) => {
        const option = document.createElement('option');
        option.value = option.textContent = String(g);
        option.selected = g === keep;
        return option;
      }),
    );
  };

  const readouts = (spec: ConvSpec) => {
    const lang = pageLang();
    const side = outputSide(spec);
    const perGroup = channelsPerGroup(spec);
    out('output-shape').textContent = shapeOf(spec);
    out('params').textContent = parameters(spec).toLocaleString(lang);
    out('macs').textContent = multiplyAdds(spec).toLocaleString(lang);
    out('shape-formula').textContent = word('conv.readout.shapeFormula', { ...spec, out: side });
    out('params-formula').textContent = word('conv.readout.paramsFormula', { ...spec, perGroup });
    out('macs-formula').textContent = word('conv.readout.macsFormula', { ...spec, out: side, perGroup });
    const { code, note } = tfjsLayers(spec);
    out('tfjs').textContent = code;
    for (const p of root.querySelectorAll<HTMLElement>('[data-tfjs-note]')) p.hidden = p.dataset.tfjsNote !== note;
  };

  const rebuild = () => {
    pause();
    const spec0 = readSpec((name) =>
      name === 'groups' ? groups.value : (form.elements.namedItem(name) as HTMLInputElement).value,
    );
    offerGroups(spec0);
    const spec = { ...spec0, groups: Number(groups.value) };
    const reason = invalidReason(spec);
    error.hidden = reason === null;
    for (const button of [back, play, step]) button.disabled = reason !== null;
    if (reason) {
      error.textContent = word(`conv.invalid.${reason}`, { ...spec });
      for (const name of ['output-shape', 'params', 'macs']) out(name).textContent = '—';
      layer = null;
      board.replaceChildren();
      trace.textContent = '';
      return;
    }
    layer = layerOf(spec, weightsMenu.value as KernelPreset);
    cursor = 0;
    readouts(spec);
    draw();
    filterImage();
  };

  /** Every grid, with the window of the current cell marked in the input and the cell itself in the output. */
  const draw = () => {
    if (!layer) return;
    const { spec, input, weights, output } = layer;
    const { filter, row, col } = position();
    const side = outputSide(spec);
    const padded = spec.size + 2 * spec.padding;
    const under = new Map<string, number>();
    for (const t of taps(spec, row, col, filter)) under.set(`${t.channel}:${t.y}:${t.x}`, t.ky * spec.kernel + t.kx);
    const reads = new Set(groupChannels(spec, filter));
    const inputs = input.map((values, c) =>
      grid(
        word('conv.grid.input', { channel: c + 1, size: spec.size, padding: spec.padding }),
        padded,
        Array.from({ length: padded ** 2 }, (_, i) => {
          const [y, x] = [Math.floor(i / padded) - spec.padding, (i % padded) - spec.padding];
          const inside = y >= 0 && x >= 0 && y < spec.size && x < spec.size;
          return {
            value: inside ? values[y * spec.size + x]! : null,
            classes: [
              ...(inside ? [] : ['is-padding']),
              ...(under.has(`${c}:${y}:${x}`) ? ['is-tap'] : []),
              ...(reads.has(c) ? [] : ['is-unread']),
            ],
          };
        }),
      ),
    );
    const k2 = spec.kernel ** 2;
    const kernels = groupChannels(spec, filter).map((c, i) =>
      grid(
        word('conv.grid.kernel', { filter: filter + 1, channel: c + 1 }),
        spec.kernel,
        Array.from(
          weights.subarray((filter * channelsPerGroup(spec) + i) * k2, (filter * channelsPerGroup(spec) + i + 1) * k2),
          (value) => ({
            value,
            classes: ['is-weight'],
          }),
        ),
      ),
    );
    const outputs = output.map((values, f) =>
      grid(
        word('conv.grid.output', { filter: f + 1, side }),
        side,
        Array.from(values, (value, i) => ({
          value: f < filter || (f === filter && i <= row * side + col) ? value : null,
          classes: [
            ...(f === filter && i === row * side + col ? ['is-current'] : []),
            ...(f > filter || (f === filter && i > row * side + col) ? ['is-pending'] : []),
          ],
        })),
      ),
    );
    board.replaceChildren(...inputs, ...kernels, ...outputs);
    describe(filter, row, col);
  };

  /** The current cell's sum, written out. */
  const describe = (filter: number, row: number, col: number) => {
    const { spec, input, weights, output } = layer!;
    const first = groupChannels(spec, filter)[0]!;
    const k2 = spec.kernel ** 2;
    const products = taps(spec, row, col, filter).map((t) => {
      const inside = t.y >= 0 && t.x >= 0 && t.y < spec.size && t.x < spec.size;
      const x = inside ? input[t.channel]![t.y * spec.size + t.x]! : 0;
      const w = weights[(filter * channelsPerGroup(spec) + t.channel - first) * k2 + t.ky * spec.kernel + t.kx]!;
      return `${w < 0 ? `(${number(w)})` : number(w)}·${number(x)}`;
    });
    const shown = products.slice(0, TERMS_SHOWN).join(' + ');
    const more = products.length > TERMS_SHOWN ? word('conv.trace.more', { count: products.length - TERMS_SHOWN }) : '';
    const value = output[filter]![row * outputSide(spec) + col]!;
    trace.textContent = word('conv.trace', {
      filter: filter + 1,
      row: row + 1,
      col: col + 1,
      sum: `${shown}${more}`,
      value: number(value),
    });
  };

  // The first kernel on a 28×28 digit: the reader's drawing, or a sample.
  const pad = new PadCanvas(root.querySelector<HTMLCanvasElement>('[data-draw]')!, {
    changed: () => filterImage(),
    hint: () => {},
  });
  const sample = root.querySelector<HTMLSelectElement>('select[name=sample]')!;
  const showSample = () => {
    pad.clear();
    pad.drawStrokes(SAMPLE_DIGITS[sample.value] ?? []);
    filterImage();
  };
  const paint = (canvas: HTMLCanvasElement, side: number, values: Float32Array) => {
    canvas.width = canvas.height = side;
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const image = canvas.getContext('2d')!.createImageData(side, side);
    values.forEach((v, i) => {
      const grey = hi > lo ? (255 * (v - lo)) / (hi - lo) : 0;
      image.data.set([grey, grey, grey, 255], 4 * i);
    });
    canvas.getContext('2d')!.putImageData(image, 0, 0);
    return { lo, hi };
  };
  function filterImage() {
    if (!layer) return;
    const digit = preprocess(pad.grey())?.centred.data ?? new Float32Array(SIDE * SIDE);
    const spec: ConvSpec = { ...layer.spec, size: SIDE, channels: 1, groups: 1, filters: 1 };
    const imageIn = root.querySelector<HTMLCanvasElement>('[data-image-in]')!;
    const imageOut = root.querySelector<HTMLCanvasElement>('[data-image-out]')!;
    paint(imageIn, SIDE, digit);
    const kernel = layer.weights.subarray(0, layer.spec.kernel ** 2);
    const side = outputSide(spec);
    if (side < 1) return;
    const [filtered] = convolve(spec, [digit], kernel);
    const { lo, hi } = paint(imageOut, side, filtered!);
    const caption = word('conv.image.outputCaption', { side, lo: number(lo), hi: number(hi) });
    out('image-caption').textContent = caption;
    imageOut.setAttribute('aria-label', caption);
  }

  form.addEventListener('input', rebuild);
  form.addEventListener('submit', (e) => e.preventDefault());
  sample.addEventListener('change', showSample);
  back.addEventListener('click', () => (pause(), moveTo(cursor - 1)));
  step.addEventListener('click', () => (pause(), moveTo(cursor + 1)));
  play.addEventListener('click', () => {
    if (timer !== null) return pause();
    play.textContent = word('conv.action.pause');
    timer = setInterval(() => moveTo(cursor + 1), STEP_MS);
  });
  board.addEventListener('keydown', (e) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (e.key in moves) {
      pause();
      moveTo(cursor + moves[e.key]!);
    } else if (e.key === ' ' || e.key === 'Enter') play.click();
    else return;
    e.preventDefault();
  });

  showSample();
  rebuild();
}
