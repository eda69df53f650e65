/**
 * What one tfjs layer costs (multiply-accumulates) and how it moves over the
 * image (kernel, stride, dilation), read from built-in layers' configs or from
 * the zoo's custom layers, which report it themselves (CostedLayer).
 *
 * MAC convention, the one behind torchvision's, ptflops' and the papers' figures:
 * convolutions and fully connected layers count (one MAC per weight use, bias
 * not counted); batch norm, activations, pooling, padding and additions count
 * zero. LeNet-5's trainable subsampling counts one multiply per output and its
 * RBF layer one per prototype weight. A layer this file cannot cost (Conv1D,
 * LSTM, a reader's custom layer) is reported as unknown, never as 0.
 */
import type * as tf from '@tensorflow/tfjs';
import { isCostedLayer, product } from '../models/layers/costed-layer.ts';

/** How a layer moves over each spatial axis [height, width]. */
export interface SpatialStep {
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly dilation: readonly [number, number];
}

const CONVOLUTIONS = new Set(['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'Conv2DTranspose']);
/** Layers that cost no multiply-accumulates under the convention above (the zoo's LRN and scaled tanh included). */
const FREE = new Set([
  'InputLayer',
  'BatchNormalization',
  'LayerNormalization',
  'LocalResponseNormalization',
  'Activation',
  'ReLU',
  'LeakyReLU',
  'PReLU',
  'ELU',
  'Softmax',
  'ThresholdedReLU',
  'ScaledTanh',
  'MaxPooling1D',
  'MaxPooling2D',
  'AveragePooling1D',
  'AveragePooling2D',
  'GlobalMaxPooling1D',
  'GlobalMaxPooling2D',
  'GlobalAveragePooling1D',
  'GlobalAveragePooling2D',
  'ZeroPadding2D',
  'Cropping2D',
  'UpSampling2D',
  'Flatten',
  'Reshape',
  'Permute',
  'RepeatVector',
  'Add',
  'Subtract',
  'Average',
  'Maximum',
  'Minimum',
  'Concatenate',
  'Dropout',
  'SpatialDropout1D',
  'AlphaDropout',
  'GaussianDropout',
  'GaussianNoise',
  'Masking',
]);
const POOLINGS = new Set(['MaxPooling2D', 'AveragePooling2D']);

/** A layer's first input and output shapes without the batch axis; every zoo layer is used once. */
export function layerShapes(layer: tf.layers.Layer): { input: (number | null)[]; output: (number | null)[] } {
  const node = layer.inboundNodes[0];
  const inputShapes = node === undefined ? (layer.batchInputShape ?? []) : node.inputShapes;
  const input = Array.isArray(inputShapes[0]) ? (inputShapes as tf.Shape[])[0] : (inputShapes as tf.Shape);
  const outputShape = layer.outputShape;
  const output = Array.isArray(outputShape[0]) ? (outputShape as tf.Shape[])[0] : (outputShape as tf.Shape);
  return { input: input.slice(1), output: output.slice(1) };
}

export function isConvolution(layer: tf.layers.Layer): boolean {
  return CONVOLUTIONS.has(layer.getClassName()) || (isCostedLayer(layer) && layer.isConvolution);
}

/** Multiply-accumulates of one example through `layer`, or null where the convention above does not say. */
export function countLayerMacs(layer: tf.layers.Layer): number | null {
  const type = layer.getClassName();
  const shapes = layerShapes(layer);
  const input = known(shapes.input, layer.name);
  const output = known(shapes.output, layer.name);
  if (isCostedLayer(layer)) return layer.countMacs(input, output);
  const config = layer.getConfig();
  const cin = input[input.length - 1];
  const outputs = product(output);
  switch (type) {
    case 'Conv2D':
      return outputs * area(pair(config.kernelSize, 'kernelSize', layer)) * cin;
    case 'DepthwiseConv2D':
      return outputs * area(pair(config.kernelSize, 'kernelSize', layer));
    case 'SeparableConv2D': {
      const depthwiseOut = product(output.slice(0, -1)) * cin * numberOr(config.depthMultiplier, 1);
      return (
        depthwiseOut * area(pair(config.kernelSize, 'kernelSize', layer)) + depthwiseOut * output[output.length - 1]
      );
    }
    case 'Conv2DTranspose':
      return product(input) * area(pair(config.kernelSize, 'kernelSize', layer)) * output[output.length - 1];
    case 'Dense':
      return product(input) * output[output.length - 1];
    default:
      return FREE.has(type) ? 0 : null;
  }
}

/**
 * The spatial step of layers that change the receptive field, or null for the
 * rest (activations, normalisation, padding and additions keep it unchanged).
 */
export function spatialStep(layer: tf.layers.Layer): SpatialStep | null {
  if (isCostedLayer(layer)) {
    const footprint = layer.footprint?.();
    if (footprint === undefined) return null;
    const { kernel, stride } = footprint;
    return { kernel: [kernel, kernel], stride: [stride, stride], dilation: [1, 1] };
  }
  const type = layer.getClassName();
  const config = layer.getConfig();
  if (CONVOLUTIONS.has(type)) {
    return {
      kernel: pair(config.kernelSize, 'kernelSize', layer),
      stride: pair(config.strides ?? 1, 'strides', layer),
      dilation: pair(config.dilationRate ?? 1, 'dilationRate', layer),
    };
  }
  if (POOLINGS.has(type)) {
    const kernel = pair(config.poolSize, 'poolSize', layer);
    return { kernel, stride: pair(config.strides ?? config.poolSize, 'strides', layer), dilation: [1, 1] };
  }
  return null;
}

function known(shape: (number | null)[], layer: string): number[] {
  return shape.map((d) => {
    if (d === null)
      throw new Error(
        `${layer}: MACs need fixed shapes, but its shape is [${shape.join(', ')}]; give the model a fixed input size`,
      );
    return d;
  });
}

function area([h, w]: readonly [number, number]): number {
  return h * w;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/** A tfjs config value that is a number or a pair of numbers, as [height, width]. */
function pair(value: unknown, field: string, layer: tf.layers.Layer): [number, number] {
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')) {
    return [value[0], value[1]];
  }
  throw new Error(`${layer.name}: expected ${field} to be a number or [height, width], got ${JSON.stringify(value)}`);
}
