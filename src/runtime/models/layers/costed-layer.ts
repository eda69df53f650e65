import type * as tf from '@tensorflow/tfjs';

/** The constructor arguments every tfjs layer accepts (name, trainable, ...). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** Kernel and stride of a layer along both spatial axes, for receptive-field arithmetic. */
export interface Footprint {
  readonly kernel: number;
  readonly stride: number;
}

/**
 * A custom layer that reports its own cost. The summary reads built-in layers
 * from their config; custom layers (LeNet's subsampling, C3, RBF, ...) have no
 * config it knows, so they say what they cost themselves.
 */
export interface CostedLayer {
  /** True when the layer is a convolution, so it can be "the last convolution". */
  readonly isConvolution: boolean;
  /** Multiply-accumulates for one example; shapes exclude the batch axis. */
  countMacs(inputShape: readonly number[], outputShape: readonly number[]): number;
  /** Spatial footprint; absent for layers that do not work on a spatial grid. */
  footprint?(): Footprint;
}

export function isCostedLayer(layer: tf.layers.Layer): layer is tf.layers.Layer & CostedLayer {
  return 'countMacs' in layer && typeof layer.countMacs === 'function';
}

/** The one tensor a single-input layer receives (tfjs passes a list in some call paths). */
export function singleInput<T extends tf.Tensor | tf.SymbolicTensor>(inputs: T | T[]): T {
  if (!Array.isArray(inputs)) return inputs;
  if (inputs.length !== 1) throw new Error(`expected one input tensor, got ${inputs.length}`);
  return inputs[0];
}

/** The single input shape of a single-input layer, batch axis included. */
export function singleShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
  const first = inputShape[0];
  return Array.isArray(first) ? (inputShape as tf.Shape[])[0] : (inputShape as tf.Shape);
}

/** A dimension the layer needs to know when it is built; tfjs marks unknown ones with null. */
export function knownDim(shape: tf.Shape, axis: number, layer: string): number {
  const d = shape[axis < 0 ? shape.length + axis : axis];
  if (d === null || d === undefined)
    throw new Error(`${layer}: axis ${axis} of input shape [${shape.join(', ')}] must be known`);
  return d;
}

export function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}
