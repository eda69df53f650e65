/**
 * The one summary of a model that snippets, lessons, tests and `npm run zoo`
 * share: per-layer rows, totals and the receptive field of the last convolution,
 * all computed from the tfjs model itself.
 */
import type * as tf from '@tensorflow/tfjs';
import { countLayerMacs, isConvolution, layerShapes, spatialStep } from './layer-cost.ts';
import { readDescription } from '../models/building-blocks.ts';
import { product } from '../models/layers/costed-layer.ts';
import type { LayerRow, ModelSummary, ReceptiveField } from '../protocol/summary.ts';

export type { LayerRow, ModelSummary, ReceptiveField } from '../protocol/summary.ts';

/** Summarises a built single-input, single-output model (every zoo model is one). */
export function summarizeModel(model: tf.LayersModel): ModelSummary {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(
      `${model.name}: summarizeModel expects one input and one output, got ${model.inputs.length} and ${model.outputs.length}`,
    );
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
    macs: sum(layers.map((l) => l.macs ?? 0)),
    uncountedLayers: layers.filter((l) => l.macs === null).map((l) => `${l.name} (${l.type})`),
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
 * A layer's receptive field: the input window one output pixel sees, the distance between neighbours' windows, and
 * where the first one's centre falls on the input (in input pixels, from the top-left pixel's centre; negative or
 * fractional where padding or an even kernel puts it there).
 */
export interface Field {
  readonly size: [number, number];
  readonly stride: [number, number];
  readonly start: [number, number];
}

/**
 * Composes kernel, stride and dilation from the input forward: a layer grows
 * the field by (effective kernel - 1) * the stride accumulated so far. Where
 * paths merge (residual additions, AlexNet's towers) the larger field wins,
 * which is the field along the main, deepest path.
 */
export function receptiveFields(model: tf.LayersModel): Map<string, Field> {
  const fields = new Map<string, Field>();
  // model.layers is in topological order, so inbound fields are known before they are needed.
  for (const layer of model.layers) {
    const inbound = (layer.inboundNodes[0]?.inboundLayers ?? []).flatMap((l) => fields.get(l.name) ?? []);
    const field: Field = { size: [1, 1], stride: [1, 1], start: [0, 0] };
    // The widest inbound field's position: paths that merge are aligned (they are added or concatenated).
    const widest = inbound.reduce<Field | null>((w, f) => (w === null || f.size[0] > w.size[0] ? f : w), null);
    for (const f of inbound) {
      for (const axis of [0, 1]) {
        field.size[axis] = Math.max(field.size[axis], f.size[axis]);
        field.stride[axis] = Math.max(field.stride[axis], f.stride[axis]);
      }
    }
    if (widest) field.start.splice(0, 2, ...widest.start);
    const step = spatialStep(layer);
    const before = leadingPadding(layer);
    for (const axis of [0, 1]) {
      field.start[axis] -= before[axis] * field.stride[axis];
      if (step === null) continue;
      const effectiveKernel = step.dilation[axis] * (step.kernel[axis] - 1) + 1;
      field.start[axis] += ((effectiveKernel - 1) / 2) * field.stride[axis];
      field.size[axis] += (effectiveKernel - 1) * field.stride[axis];
      field.stride[axis] *= step.stride[axis];
    }
    fields.set(layer.name, field);
  }
  return fields;
}

export function receptiveFieldOfLastConvolution(model: tf.LayersModel): ReceptiveField | null {
  const fields = receptiveFields(model);
  const last = model.layers.filter(isConvolution).at(-1);
  if (!last) return null;
  const field = fields.get(last.name)!;
  return { layer: last.name, size: [...field.size], stride: [...field.stride] };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * The rows and columns of zeros a layer adds before its input (top, left): a ZeroPadding2D's, or what tfjs's 'same'
 * padding puts there (the smaller half of what it needs, as TensorFlow does).
 */
function leadingPadding(layer: tf.layers.Layer): [number, number] {
  const config = layer.getConfig();
  if (layer.getClassName() === 'ZeroPadding2D') {
    const p = config.padding as number | [number, number] | [[number, number], [number, number]];
    if (typeof p === 'number') return [p, p];
    return Array.isArray(p[0]) ? [p[0][0], (p[1] as [number, number])[0]] : [p[0] as number, p[1] as number];
  }
  const step = spatialStep(layer);
  if (step === null || config.padding !== 'same') return [0, 0];
  const inShape = (layer.input as tf.SymbolicTensor).shape;
  const outShape = layer.outputShape as (number | null)[];
  return [0, 1].map((axis) => {
    const [input, output] = [inShape[axis + 1] ?? 0, outShape[axis + 1] ?? 0];
    const extent = step.dilation[axis] * (step.kernel[axis] - 1) + 1;
    return Math.floor(Math.max((output - 1) * step.stride[axis] + extent - input, 0) / 2);
  }) as [number, number];
}

/**
 * The input window of one unit of `layer` at (row, col), clipped to the input: rows and columns from top-left to
 * bottom-right, inclusive. Null for a layer the model does not have or whose field is unknown.
 */
export function receptiveBox(
  model: tf.LayersModel,
  layer: string,
  row: number,
  col: number,
): { top: number; left: number; bottom: number; right: number } | null {
  const field = receptiveFields(model).get(layer);
  if (!field) return null;
  const [height, width] = (model.inputs[0]!.shape.slice(1, 3) as number[]).map(Number);
  const span = (axis: 0 | 1, at: number, limit: number) => {
    const centre = field.start[axis] + at * field.stride[axis];
    const half = (field.size[axis] - 1) / 2;
    return [Math.max(0, Math.ceil(centre - half)), Math.min(limit - 1, Math.floor(centre + half))] as const;
  };
  const [top, bottom] = span(0, row, height!);
  const [left, right] = span(1, col, width!);
  return { top, left, bottom, right };
}
