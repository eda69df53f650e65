/**
 * What the architecture explorer may ask of a model, shared by the page (its form) and the worker (which builds
 * the model): the input sizes each family takes, the first one its default, and how much memory a request needs.
 */
import type { ArchGraph } from './architecture.ts';

// model name pattern, square input sizes offered (the first is the default), input channels
const SIZES: ReadonlyArray<readonly [RegExp, readonly number[], number]> = [
  [/^lenet5$/, [28, 32], 1], // 28: MNIST's own size, the one the training island uses
  [/^lenet5-1998$/, [32], 1],
  [/-cifar$/, [32, 64], 3],
  [/^alexnet-2012$/, [227], 3],
  [/./, [224, 160, 128, 96], 3],
];

export function explorerSizes(model: string): { sizes: readonly number[]; channels: number } {
  const [, sizes, channels] = SIZES.find(([pattern]) => pattern.test(model))!;
  return { sizes, channels };
}

/** The input shape the explorer builds `model` with; null size means the family's default. */
export function explorerInputShape(model: string, size: number | null): [number, number, number] {
  const { sizes, channels } = explorerSizes(model);
  const side = size ?? sizes[0]!;
  return [side, side, channels];
}

/** Above this the page asks before running a model (VGG-16 at 224 px needs about 0.6 GB). */
export const MEMORY_WARNING_BYTES = 512 * 2 ** 20;

/**
 * Float32 bytes to run one input up to `layer`: every weight of the model (it is built whole) and the outputs of
 * the layers up to `layer`, which tfjs keeps until the prediction ends.
 */
export function explorerBytes(graph: ArchGraph, layer: string): number {
  const upTo = graph.layers.findIndex((l) => l.name === layer);
  const outputs = graph.layers
    .slice(0, upTo + 1)
    .reduce((n, l) => n + l.outputShape.reduce<number>((a, d) => a * (d ?? 1), 1), 0);
  const weights = graph.layers.reduce((n, l) => n + l.trainableParams, 0);
  return 4 * (weights + outputs);
}
