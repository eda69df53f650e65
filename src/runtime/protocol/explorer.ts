/**
 * What the architecture explorer may ask of a model, shared by the page (its form) and the worker (which builds
 * the model): the input sizes each family takes, the first one its default, and how much memory a request needs.
 */
import type { ArchGraph } from './architecture.ts';
import { formatShapeForReaders } from './summary.ts';
import type { WorkerKinds } from './worker-kind.ts';
import type { Text } from './words.ts';

/** What the explorer runs through a model: a test digit, or a tensor a snippet handed it (`course.explore`). */
export type ExplorerInput =
  { kind: 'digit'; index: number } | { kind: 'tensor'; shape: number[]; data: Float32Array; label: string };

export type ExplorerJob =
  /** A zoo model's graph (answered with an `architecture` event). */
  | { type: 'describe'; model: string; inputSize: number | null }
  /** One layer's feature maps (and a convolution's filters) for an input run through the model. */
  | { type: 'layer-maps'; model: string; inputSize: number | null; layer: string; input: ExplorerInput }
  /** One unit of a layer (a channel's position): its receptive field on the input, theoretical and effective. */
  | {
      type: 'receptive-field';
      model: string;
      inputSize: number | null;
      layer: string;
      input: ExplorerInput;
      unit: ExplorerUnit;
    }
  /** The test digits that excite one channel of a layer most (networks that read 28×28 digits). */
  | { type: 'top-images'; model: string; inputSize: number | null; layer: string; channel: number }
  /** What the network looks at in the input for one class (`cls`, or the one it predicts when null). */
  | { type: 'explain'; model: string; inputSize: number | null; input: ExplorerInput; cls: number | null };

/** A position in one channel of a layer's output, counted from 0. */
export interface ExplorerUnit {
  channel: number;
  row: number;
  col: number;
}

export type ExplorerEvent =
  /** A model's graph, for the explorer to draw. */
  | { type: 'architecture'; runId: number; graph: ArchGraph }
  /**
   * A unit's receptive field: the window its layers let it see (`box`, rows and columns inclusive, clipped to the
   * input), and how much each input pixel moves it (`heat`, the gradient's size summed over channels, scaled to
   * 0–1), over the input as the model read it (`image`, grey, 0–1), all `height`×`width`, row-major.
   */
  | {
      type: 'receptive-field';
      runId: number;
      unit: ExplorerUnit;
      layer: string;
      box: { top: number; left: number; bottom: number; right: number };
      /** The theoretical field's full size, before clipping to the input. */
      size: [number, number];
      height: number;
      width: number;
      image: Float32Array;
      heat: Float32Array;
      /** The share of the gradient's total size inside the half of the box's area nearest its centre. */
      centreShare: number;
    }
  /** The nine test digits whose mean activation in `channel` is highest, highest first; pixels 28×28, 0–1. */
  | {
      type: 'top-images';
      runId: number;
      layer: string;
      channel: number;
      images: Array<{ index: number; label: number; activation: number; pixels: Float32Array }>;
    }
  /**
   * Saliency and Grad-CAM (networks/explain.ts) for class `explained`, over the input as the model read it (`image`,
   * grey, 0–1), all `height`×`width`, row-major; `gradcam` is null where the network has no maps it can use.
   */
  | {
      type: 'explanation';
      runId: number;
      explained: number;
      predicted: number;
      /** The network's probability for `predicted`, 0–1. */
      confidence: number;
      height: number;
      width: number;
      image: Float32Array;
      saliency: Float32Array;
      gradcam: Float32Array | null;
      camLayer: string | null;
      /** Which weights: trained here, shipped, or random. */
      weights: Text;
    };

/** Kept: LeNet-5 uses the network the trainer left in its worker. */
export const EXPLORER_WORKERS: WorkerKinds<ExplorerJob> = {
  describe: 'kept',
  'layer-maps': 'kept',
  'receptive-field': 'kept',
  'top-images': 'kept',
  explain: 'kept',
};

// model name pattern, then the square inputs offered as [side, channels] (the first is the default)
const SIZES: ReadonlyArray<readonly [RegExp, ReadonlyArray<readonly [number, number]>]> = [
  [
    /^lenet5$/,
    [
      [28, 1],
      [32, 1],
    ],
  ], // 28: MNIST's own size, the one the training island uses
  [/^lenet5-1998$/, [[32, 1]]],
  [/-mnist$/, [[28, 1]]], // the architecture lab's small networks, at MNIST's size
  // CIFAR's colour images, and MNIST's digits as the lab trains these networks (and the site ships two of them)
  [
    /-cifar$/,
    [
      [32, 3],
      [64, 3],
      [28, 1],
    ],
  ],
  [/^alexnet-2012$/, [[227, 3]]],
  [
    /./,
    [
      [224, 3],
      [160, 3],
      [128, 3],
      [96, 3],
    ],
  ],
];

const shapesOf = (model: string) => SIZES.find(([pattern]) => pattern.test(model))![1];

/** The sides `model` takes, its default first, and each one's input shape as a reader reads it ("28×28×1"). */
export function explorerSizes(model: string): { sizes: readonly number[]; shapes: readonly string[] } {
  const shapes = shapesOf(model);
  return {
    sizes: shapes.map(([side]) => side),
    shapes: shapes.map(([side, channels]) => formatShapeForReaders([side, side, channels])),
  };
}

/** The input shape the explorer builds `model` with; null size means the family's default. */
export function explorerInputShape(model: string, size: number | null): [number, number, number] {
  const shapes = shapesOf(model);
  // A size the table does not list keeps the family's default channels.
  const [side, channels] = shapes.find(([s]) => s === size) ?? [size ?? shapes[0]![0], shapes[0]![1]];
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
