/**
 * The one summary of a model that snippets, lessons, tests and `npm run zoo`
 * share: per-layer rows, totals and the receptive field of the last convolution,
 * all computed from the tfjs model itself.
 */
import type * as tf from '@tensorflow/tfjs';
import { countLayerMacs, isConvolution, layerShapes, spatialStep } from './layer-cost.ts';
import { readDescription } from './models/building-blocks.ts';
import { product } from './models/layers/costed-layer.ts';

export interface LayerRow {
  readonly name: string;
  /** tfjs class name: Conv2D, BatchNormalization, PartialConv2D, ... */
  readonly type: string;
  /** Without the batch axis, e.g. [56, 56, 256]. */
  readonly outputShape: readonly (number | null)[];
  readonly trainableParams: number;
  /** Batch-norm moving statistics, LeNet-5's fixed RBF prototypes. */
  readonly nonTrainableParams: number;
  readonly macs: number;
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
  readonly macs: number;
  /** Of the last convolution; null for a model without convolutions. */
  readonly receptiveField: ReceptiveField | null;
}

/** Summarises a built single-input, single-output model (every zoo model is one). */
export function summarizeModel(model: tf.LayersModel): ModelSummary {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(`${model.name}: summarizeModel expects one input and one output, got ${model.inputs.length} and ${model.outputs.length}`);
  }
  const layers = model.layers.map(summarizeLayer);
  const description = readDescription(model);
  return {
    name: model.name,
    variant: description?.variant ?? '',
    paper: description?.paper ?? '',
    inputShape: model.inputs[0].shape.slice(1),
    outputShape: model.outputs[0].shape.slice(1),
    layers,
    trainableParams: sum(layers.map((l) => l.trainableParams)),
    nonTrainableParams: sum(layers.map((l) => l.nonTrainableParams)),
    macs: sum(layers.map((l) => l.macs)),
    receptiveField: receptiveFieldOfLastConvolution(model),
  };
}

function summarizeLayer(layer: tf.layers.Layer): LayerRow {
  const count = (weights: tf.LayerVariable[]) => sum(weights.map((w) => product(w.shape.map((d) => d ?? 0))));
  return {
    name: layer.name,
    type: layer.getClassName(),
    outputShape: layerShapes(layer).output,
    trainableParams: count(layer.trainableWeights),
    nonTrainableParams: count(layer.nonTrainableWeights),
    macs: countLayerMacs(layer),
  };
}

/**
 * Composes kernel, stride and dilation from the input forward: a layer grows
 * the field by (effective kernel - 1) * the stride accumulated so far. Where
 * paths merge (residual additions, AlexNet's towers) the larger field wins,
 * which is the field along the main, deepest path.
 */
export function receptiveFieldOfLastConvolution(model: tf.LayersModel): ReceptiveField | null {
  type Field = { size: [number, number]; stride: [number, number] };
  const fields = new Map<string, Field>();
  let last: ReceptiveField | null = null;
  // model.layers is in topological order, so inbound fields are known before they are needed.
  for (const layer of model.layers) {
    const inbound = (layer.inboundNodes[0]?.inboundLayers ?? []).flatMap((l) => fields.get(l.name) ?? []);
    const field: Field = { size: [1, 1], stride: [1, 1] };
    for (const f of inbound) {
      for (const axis of [0, 1]) {
        field.size[axis] = Math.max(field.size[axis], f.size[axis]);
        field.stride[axis] = Math.max(field.stride[axis], f.stride[axis]);
      }
    }
    const step = spatialStep(layer);
    if (step !== null) {
      for (const axis of [0, 1]) {
        const effectiveKernel = step.dilation[axis] * (step.kernel[axis] - 1) + 1;
        field.size[axis] += (effectiveKernel - 1) * field.stride[axis];
        field.stride[axis] *= step.stride[axis];
      }
    }
    fields.set(layer.name, field);
    if (isConvolution(layer)) last = { layer: layer.name, size: [...field.size], stride: [...field.stride] };
  }
  return last;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** 1234567 -> "1,234,567". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Multiply-accumulates with a unit: "569.4 M", "4.09 G". */
export function formatMacs(macs: number): string {
  if (macs >= 1e9) return `${(macs / 1e9).toFixed(2)} G`;
  if (macs >= 1e6) return `${(macs / 1e6).toFixed(1)} M`;
  if (macs >= 1e3) return `${(macs / 1e3).toFixed(1)} K`;
  return `${macs}`;
}

/** [56, 56, 256] -> "56x56x256". */
export function formatShape(shape: readonly (number | null)[]): string {
  return shape.map((d) => (d === null ? '?' : `${d}`)).join('x');
}

/** "483" for a square field, "HxW" otherwise. */
export function formatReceptiveField(field: ReceptiveField | null): string {
  if (field === null) return '-';
  const [h, w] = field.size;
  return h === w ? `${h}` : `${h}x${w}`;
}

/** Renders columns of text, right-aligning the numeric ones. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly boolean[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The layer-by-layer summary as text, as `npm run zoo -- <name>` prints it. */
export function formatSummary(summary: ModelSummary): string {
  const rows = summary.layers.map((l) => [
    l.name,
    l.type,
    formatShape(l.outputShape),
    formatCount(l.trainableParams),
    formatCount(l.nonTrainableParams),
    formatCount(l.macs),
  ]);
  rows.push(['total', '', formatShape(summary.outputShape), formatCount(summary.trainableParams), formatCount(summary.nonTrainableParams), formatCount(summary.macs)]);
  const table = formatTable(['layer', 'type', 'output shape', 'trainable', 'non-trainable', 'MACs'], rows, [false, false, false, true, true, true]);
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
  ];
  return lines.join('\n');
}
