/**
 * What a model summary is, and how the course prints it: the same rows and numbers in the page, the lessons'
 * tests and `npm run zoo`. Pure data and text; the tfjs side that computes a summary is runtime/summary/.
 */
import { words, type Text, type Words } from './words.ts';
export interface LayerRow {
  readonly name: string;
  /** tfjs class name: Conv2D, BatchNormalization, PartialConv2D, ... */
  readonly type: string;
  /** Without the batch axis, e.g. [56, 56, 256]. */
  readonly outputShape: readonly (number | null)[];
  readonly trainableParams: number;
  /** Batch-norm moving statistics, LeNet-5's fixed RBF prototypes. */
  readonly nonTrainableParams: number;
  /** Multiply-accumulates per example; null where the course cannot cost the layer (Conv1D, LSTM, custom). */
  readonly macs: number | null;
}

/** Theoretical receptive field, in input pixels, along the longest path into a layer. */
export interface ReceptiveField {
  readonly layer: string;
  /** [height, width] of the input window one output pixel sees. */
  readonly size: readonly [number, number];
  /** [height, width] distance in input pixels between neighbouring output pixels. */
  readonly stride: readonly [number, number];
}

export interface ModelSummary {
  readonly name: string;
  /** Which variant a zoo builder built (e.g. the ResNet stride placement), in words; '' for other models. */
  readonly variant: Text;
  /** The paper a zoo builder cites; '' for other models. */
  readonly paper: string;
  readonly inputShape: readonly (number | null)[];
  readonly outputShape: readonly (number | null)[];
  readonly layers: readonly LayerRow[];
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  /** Of the layers it can cost; see `uncountedLayers`. */
  readonly macs: number;
  /** "name (Type)" of every layer whose MACs are unknown, so a total is never a silent undercount. */
  readonly uncountedLayers: readonly string[];
  /** Of the last convolution; null for a model without convolutions. */
  readonly receptiveField: ReceptiveField | null;
}

/** 1234567 -> "1,234,567"; a page passes its language ("1 234 567" in Russian). */
export function formatCount(n: number, lang = 'en-US'): string {
  return Math.round(n).toLocaleString(lang);
}

/** `n` with `digits` decimals, in `lang`'s decimal sign and without grouping: what toFixed gives in English. */
const fixed = (n: number, digits: number, lang: string) =>
  n.toLocaleString(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });

/** Multiply-accumulates with a unit: "569.4 M", "4.09 G"; "?" where they are unknown. */
export function formatMacs(macs: number | null, lang = 'en-US'): string {
  if (macs === null) return '?';
  if (macs >= 1e9) return `${fixed(macs / 1e9, 2, lang)} G`;
  if (macs >= 1e6) return `${fixed(macs / 1e6, 1, lang)} M`;
  if (macs >= 1e3) return `${fixed(macs / 1e3, 1, lang)} K`;
  return `${macs}`;
}

/** [56, 56, 256] -> "56x56x256". */
export function formatShape(shape: readonly (number | null)[]): string {
  return shape.map((d) => (d === null ? '?' : `${d}`)).join('x');
}

/**
 * [56, 56, 256] -> "56×56×256": the same shape as pages print it. Text output (summaries, `npm run zoo`) keeps the
 * ASCII "x" that terminals and copied tables read; pages use the multiplication sign.
 */
export function formatShapeForReaders(shape: readonly (number | null)[]): string {
  return formatShape(shape).replaceAll('x', '×');
}

/** "483" for a square field, "HxW" otherwise. */
export function formatReceptiveField(field: ReceptiveField | null): string {
  if (field === null) return '-';
  const [h, w] = field.size;
  return h === w ? `${h}` : `${h}x${w}`;
}

/** Renders columns of text, right-aligning the numeric ones. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: readonly boolean[],
): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Says which layers a MAC total leaves out, so that it never reads as complete when it is not. */
export function uncountedNote(summary: ModelSummary): Words {
  const count = summary.uncountedLayers.length;
  return words('run.summary.uncounted', { count, layers: summary.uncountedLayers.join(', ') });
}

// The CLI's own words (not reader text: the page words its summary from the words tables).
const CLI_HEADER = ['layer', 'type', 'output shape', 'trainable', 'non-trainable', 'MACs']; // not reader text
const CLI_NO_FIELD = 'no convolution, so no receptive field'; // not reader text

function cliFieldLine(field: ReceptiveField): string {
  const [size, stride] = [formatReceptiveField(field), formatReceptiveField({ ...field, size: field.stride })];
  return `receptive field of the last convolution (${field.layer}): ${size} pixels, stride ${stride}`; // not reader text
}

/**
 * The layer-by-layer summary as text, as `npm run zoo -- <name>` prints it: a terminal's table for the course's
 * authors, in English like the rest of that CLI (the page draws its own from the words tables, run/output-view.ts).
 * `say` words the variant and the note the page shows too (`uncountedNote`); the CLI passes the English wording.
 */
export function formatSummary(summary: ModelSummary, say: (text: Text) => string): string {
  const rows = summary.layers.map((l) => [
    l.name,
    l.type,
    formatShape(l.outputShape),
    formatCount(l.trainableParams),
    formatCount(l.nonTrainableParams),
    l.macs === null ? '?' : formatCount(l.macs),
  ]);
  rows.push([
    'total',
    '',
    formatShape(summary.outputShape),
    formatCount(summary.trainableParams),
    formatCount(summary.nonTrainableParams),
    formatCount(summary.macs),
  ]);
  const table = formatTable(CLI_HEADER, rows, [false, false, false, true, true, true]);
  const field = summary.receptiveField;
  const lines = [
    `${summary.name}${summary.variant ? `: ${say(summary.variant)}` : ''}`,
    ...(summary.paper ? [summary.paper] : []),
    `input ${formatShape(summary.inputShape)} -> output ${formatShape(summary.outputShape)}`,
    '',
    table,
    '',
    `${formatCount(summary.trainableParams)} trainable + ${formatCount(summary.nonTrainableParams)} non-trainable parameters, ${formatMacs(summary.macs)} multiply-accumulates`,
    field === null ? CLI_NO_FIELD : cliFieldLine(field),
    ...(summary.uncountedLayers.length > 0 ? [say(uncountedNote(summary))] : []),
  ];
  return lines.join('\n');
}
