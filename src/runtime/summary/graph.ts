/**
 * A built model as the graph the diagrams and the explorer draw: the summary's rows (one source for shapes,
 * parameters and MACs) joined with each layer's inbound layers, window, receptive field and constructor config.
 */
import * as tf from '@tensorflow/tfjs';
import type { ArchGraph, ArchLayer } from '../protocol/index.ts';
import { layerShapes, spatialStep } from './layer-cost.ts';
import { receptiveFields, summarizeModel } from './index.ts';

/** Config keys worth showing in the call that builds a layer, in this order; the rest are tfjs defaults. */
const SHOWN = [
  'filters',
  'units',
  'kernelSize',
  'poolSize',
  'strides',
  'padding',
  'depthMultiplier',
  'rate',
  'activation',
  'useBias',
  'axis',
  'momentum',
  'epsilon',
  'alpha',
  'beta',
  'depthRadius',
] as const;

export function describeArchitecture(model: tf.LayersModel, zooName: string): ArchGraph {
  const summary = summarizeModel(model);
  const fields = receptiveFields(model);
  const layers = model.layers.map((layer, i): ArchLayer => {
    const row = summary.layers[i]!;
    const step = spatialStep(layer);
    const field = fields.get(layer.name)!;
    return {
      name: layer.name,
      type: row.type,
      inbound: (layer.inboundNodes[0]?.inboundLayers ?? []).map((l) => l.name),
      inputShape: layerShapes(layer).input,
      outputShape: row.outputShape,
      kernel: step ? [step.kernel[0], step.kernel[1]] : null,
      stride: step ? [step.stride[0], step.stride[1]] : null,
      trainableParams: row.trainableParams,
      macs: row.macs,
      receptiveField: [field.size[0], field.size[1]],
      config: configCall(layer),
      connections: connectionsOf(layer),
    };
  });
  return {
    model: zooName,
    variant: summary.variant,
    paper: summary.paper,
    inputShape: summary.inputShape,
    layers,
    trainableParams: summary.trainableParams,
    macs: summary.macs,
  };
}

function connectionsOf(layer: tf.layers.Layer): number[][] | null {
  const table: unknown = (layer as { connections?: unknown }).connections;
  const valid =
    Array.isArray(table) && table.every((row) => Array.isArray(row) && row.every((i) => typeof i === 'number'));
  return valid ? (table as number[][]).map((row) => [...row]) : null;
}

/** `conv2d({ filters: 64, kernelSize: [3, 3], ... })`: the layer's class and the config values that matter. */
function configCall(layer: tf.layers.Layer): string {
  const config = layer.getConfig() as Record<string, unknown>;
  const shown = SHOWN.filter((key) => config[key] !== undefined && !(key === 'activation' && config[key] === 'linear'))
    .map((key) => `${key}: ${literal(config[key])}`)
    .join(', ');
  // tfjs's own layers by their factory (Conv2D -> tf.layers.conv2d); the zoo's custom layers by their class.
  const type = layer.getClassName();
  const factory = (type.charAt(0).toLowerCase() + type.slice(1)).replace(/(\d)D$/, '$1d');
  const call =
    typeof (tf.layers as unknown as Record<string, unknown>)[factory] === 'function'
      ? `tf.layers.${factory}`
      : `new ${type}`;
  return `${call}(${shown ? `{ ${shown} }` : ''})`;
}

function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) {
    const text = `[${value.map(literal).join(', ')}]`;
    return text.length > 60 ? `[${value.length} entries]` : text;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(+value.toPrecision(4));
  return JSON.stringify(value) ?? String(value);
}
