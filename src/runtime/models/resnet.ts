import type * as tf from '@tensorflow/tfjs';
import { checkClasses, checkInputShape, checkInputSize, checkOneOf } from './checks.ts';
import { convBn, finishModel, imageInput, poolAndClassify, relu } from './building-blocks.ts';
import {
  IMAGENET_DEPTHS,
  IMAGENET_STAGES,
  IMAGENET_STEM_REDUCTIONS,
  IMAGENET_WIDTHS,
  imagenetStem,
  residualUnitV1,
  stageReductions,
  type StrideOn,
  type UnitKind,
} from './residual-units.ts';

export const IMAGENET_RESNET_DEPTHS = IMAGENET_DEPTHS;

/** CIFAR ResNets (section 4.2): 6n + 2 layers, n basic units in each of three stages of 16, 32, 64 filters. */
const CIFAR_WIDTHS = [16, 32, 64] as const;

export type ResNetVariant = 'v1' | 'v1.5';

export interface ResNetOptions {
  /** ImageNet: 18, 34, 50, 101 or 152. CIFAR: 6n + 2 (20, 32, 44, 56, 110, ...). */
  readonly depth: number;
  /** 'imagenet' (default) or 'cifar' (3x3 stem, three stages, zero-padded identity shortcuts). */
  readonly dataset?: 'imagenet' | 'cifar';
  /** 'v1' (default): a bottleneck strides in its first 1x1 conv, as the paper; 'v1.5': in its 3x3 conv, as torchvision. */
  readonly variant?: ResNetVariant;
  /** [height, width, channels]; default [224, 224, 3] (ImageNet) or [32, 32, 3] (CIFAR). */
  readonly inputShape?: readonly number[];
  /** Default 1000 (ImageNet) or 10 (CIFAR). */
  readonly classes?: number;
}

/**
 * ResNet v1 from He, Zhang, Ren & Sun, "Deep Residual Learning for Image
 * Recognition", CVPR 2016, arXiv:1512.03385.
 *
 * ImageNet depths 18-152 (Table 1): 7x7/2 stem, max-pool, four stages of basic
 * or bottleneck units with 1x1 projection shortcuts (option B), global average
 * pooling, softmax; no convolution bias before batch norm, so trainable
 * parameters equal torchvision's. `variant` picks where a bottleneck strides:
 * 'v1' on the first 1x1 conv (the authors' released models), 'v1.5' on the 3x3 conv (torchvision,
 * more accurate and ~6% more MACs). With `dataset: 'cifar'` it builds the
 * 6n + 2 CIFAR networks of section 4.2 with option-A zero-padded identity shortcuts.
 */
export function buildResNet(options: ResNetOptions): tf.LayersModel {
  const { depth, dataset = 'imagenet', variant = 'v1' } = options;
  checkOneOf('resnet', 'dataset', dataset, ['imagenet', 'cifar'] as const);
  checkOneOf('resnet', 'variant', variant, ['v1', 'v1.5'] as const);
  return dataset === 'cifar' ? buildCifar(depth, variant, options) : buildImagenet(depth, variant, options);
}

function buildImagenet(requested: number, variant: ResNetVariant, options: ResNetOptions): tf.LayersModel {
  const depth = checkOneOf(`resnet${requested}`, 'ImageNet ResNet depth', requested, IMAGENET_RESNET_DEPTHS);
  const [kind, units] = IMAGENET_STAGES[depth];
  const strideOn: StrideOn = variant === 'v1.5' ? '3x3' : '1x1';
  if (variant === 'v1.5' && kind === 'basic') {
    throw new Error(
      `resnet${depth}-v1.5: v1.5 moves a bottleneck's stride, so it exists for depths 50, 101, 152 only, got ${depth}`,
    );
  }
  const model = `resnet${depth}${variant === 'v1.5' ? '-v1.5' : ''}`;
  const inputShape = checkInputShape(model, options.inputShape ?? [224, 224, 3]);
  const classes = options.classes ?? 1000;
  checkClasses(model, classes);
  checkInputSize(model, inputShape, [...IMAGENET_STEM_REDUCTIONS, ...stageReductions(kind, strideOn, units.length, 2)]);

  const input = imageInput(inputShape);
  let x = imagenetStem(input);
  IMAGENET_WIDTHS.forEach((width, s) => {
    for (let u = 0; u < units[s]; u++) {
      const spec = { prefix: `conv${s + 2}_block${u + 1}`, kind, width, stride: s > 0 && u === 0 ? 2 : 1, strideOn };
      x = residualUnitV1(x, spec, 'projection');
    }
  });
  return finishModel(model, input, poolAndClassify(x, classes), {
    variant: describe(depth, kind, strideOn, 'projection'),
    paper: PAPER,
  });
}

function buildCifar(depth: number, variant: ResNetVariant, options: ResNetOptions): tf.LayersModel {
  const model = `resnet${depth}-cifar`;
  const n = (depth - 2) / 6;
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${model}: CIFAR ResNet depth must be 6n + 2 (20, 32, 44, 56, 110, 1202, ...), got ${depth}`);
  }
  if (variant !== 'v1')
    throw new Error(`${model}: CIFAR ResNets use basic units, so only variant v1 exists, got ${variant}`);
  const inputShape = checkInputShape(model, options.inputShape ?? [32, 32, 3]);
  const classes = options.classes ?? 10;
  checkClasses(model, classes);
  checkInputSize(model, inputShape, stageReductions('basic', '1x1', CIFAR_WIDTHS.length, 2));

  const input = imageInput(inputShape);
  let x = relu(convBn(input, 'conv1', CIFAR_WIDTHS[0], 3), 'conv1_relu');
  CIFAR_WIDTHS.forEach((width, s) => {
    for (let u = 0; u < n; u++) {
      const spec = {
        prefix: `conv${s + 2}_block${u + 1}`,
        kind: 'basic',
        width,
        stride: s > 0 && u === 0 ? 2 : 1,
        strideOn: '1x1',
      } as const;
      x = residualUnitV1(x, spec, 'zero-pad');
    }
  });
  return finishModel(model, input, poolAndClassify(x, classes), {
    variant: describe(depth, 'basic', '1x1', 'zero-pad'),
    paper: PAPER,
  });
}

const PAPER = 'He, Zhang, Ren & Sun 2015, "Deep Residual Learning for Image Recognition", arXiv:1512.03385';

function describe(depth: number, kind: UnitKind, strideOn: StrideOn, shortcut: 'projection' | 'zero-pad'): string {
  const placement =
    kind === 'basic'
      ? 'basic units'
      : strideOn === '1x1'
        ? "bottleneck stride on the first 1x1 conv (the authors' models)"
        : 'bottleneck stride on the 3x3 conv (torchvision)';
  const version = kind === 'bottleneck' && strideOn === '3x3' ? 'v1.5' : 'v1';
  const skip = shortcut === 'projection' ? '1x1 projection shortcuts' : 'zero-padded identity shortcuts';
  return `ResNet-${depth} ${version}: ${placement}, ${skip}`;
}
