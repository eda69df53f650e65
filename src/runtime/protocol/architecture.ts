/**
 * A model as a graph of layers, with what each layer does and costs: what the diagrams draw and the explorer
 * lists. Computed from the built tfjs model (runtime/summary/graph.ts), at build time for the lessons' diagrams
 * and in the worker for the explorer, so every label is the model's own.
 */
import type { Text } from './words.ts';
export interface ArchLayer {
  readonly name: string;
  /** tfjs class name: Conv2D, BatchNormalization, PartialConv2D, ... */
  readonly type: string;
  /** Names of the layers feeding this one (none for the input). */
  readonly inbound: readonly string[];
  /** Of the first input, without the batch axis. */
  readonly inputShape: readonly (number | null)[];
  readonly outputShape: readonly (number | null)[];
  /** [height, width] of the window a convolution or pooling layer slides; null for the rest. */
  readonly kernel: readonly [number, number] | null;
  readonly stride: readonly [number, number] | null;
  readonly trainableParams: number;
  readonly macs: number | null;
  /** [height, width] in input pixels that one output pixel of this layer sees, along its longest path. */
  readonly receptiveField: readonly [number, number];
  /** The call that builds it, from the layer's own config, e.g. `tf.layers.conv2d({ filters: 64, kernelSize: [3, 3], ... })`. */
  readonly config: string;
  /** For a partially connected layer (LeNet-5's C3): connections[j] lists the input maps output map j sees. */
  readonly connections: readonly (readonly number[])[] | null;
}

export interface ArchGraph {
  /** The zoo name, e.g. `resnet18`. */
  readonly model: string;
  /** The zoo's description of the variant, e.g. "ResNet-18 v1: basic units, 1x1 projection shortcuts". */
  readonly variant: Text;
  readonly paper: string;
  readonly inputShape: readonly (number | null)[];
  /** In topological order (every layer after the layers that feed it). */
  readonly layers: readonly ArchLayer[];
  readonly trainableParams: number;
  readonly macs: number;
}
