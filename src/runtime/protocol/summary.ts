/**
 * What a model summary is, and how the course prints it: the same rows and numbers in the page, the lessons'
 * tests and `npm run zoo`. Pure data and text; the tfjs side that computes a summary is runtime/summary/.
 */
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
  /** Which variant a zoo builder built (e.g. the ResNet stride placement); '' for other models. */
  readonly variant: string;
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

/** 1234567 -> "1,234,567". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Multiply-accumulates with a unit: "569.4 M", "4.09 G"; "?" where they are unknown. */
export function formatMacs(macs: number | null): string {
  if (macs === null) return '?';
  if (macs >= 1e9) return `${(macs / 1e9).toFixed(2)} G`;
  if (macs >= 1e6) return `${(macs / 1e6).toFixed(1)} M`;
  if (macs >= 1e3) return `${(macs / 1e3).toFixed(1)} K`;
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

/** The layer-by-layer summary as text, as `npm run zoo -- <name>` prints it. */
/** Says which layers a MAC total leaves out, so that it never reads as complete when it is not. */
export function uncountedNote(summary: ModelSummary): string {
  const n = summary.uncountedLayers.length;
  return `MACs unknown for ${n} layer${n === 1 ? '' : 's'} the course cannot cost (${summary.uncountedLayers.join(', ')}): the total counts only the others`;
}

export function formatSummary(summary: ModelSummary): string {
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
  const table = formatTable(['layer', 'type', 'output shape', 'trainable', 'non-trainable', 'MACs'], rows, [
    false,
    false,
    false,
    true,
    true,
    true,
  ]);
  const field = summary.receptiveField;
  const lines = [
    `${summary.name}${summary.variant ? `: ${summary.variant}` : ''}`,
    ...(summary.paper ? [summary.paper] : []),
    `input ${formatShape(summary.inputShape)} -> output ${formatShape(summary.outputShape)}`,
    '',
    table,
    '',
    `${formatCount(summary.trainableParams)} trainable + ${formatCount(summary.nonTrainableParams)} non-trainable parameters, ${formatMacs(summary.macs)} multiply-accumulates`,
    field === null
      ? 'no convolution, so no receptive field'
      : `receptive field of the last convolution (${field.layer}): ${formatReceptiveField(field)} pixels, stride ${formatReceptiveField({ ...field, size: field.stride })}`,
    ...(summary.uncountedLayers.length > 0 ? [uncountedNote(summary)] : []),
  ];
  return lines.join('\n');
}
