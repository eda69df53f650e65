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

/** A layer's receptive field: the input window one output pixel sees, and the distance between neighbours. */
export interface Field {
  readonly size: [number, number];
  readonly stride: [number, number];
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
