import type * as tf from '@tensorflow/tfjs';
import { checkClasses, checkInputShape, checkInputSize, checkOneOf } from './checks.ts';
import { batchNorm, conv, finishModel, imageInput, poolAndClassify, relu, type Sym } from './building-blocks.ts';
import {
  IMAGENET_DEPTHS,
  IMAGENET_STAGES,
  IMAGENET_STEM_REDUCTIONS,
  IMAGENET_WIDTHS,
  imagenetStem,
  residualUnitV2,
  stageReductions,
  type StrideOn,
  type UnitKind,
} from './residual-units.ts';

/** v2 uses the stage layout of v1 (shared in residual-units.ts). */
export const IMAGENET_PREACT_DEPTHS = IMAGENET_DEPTHS;

/** CIFAR (section 4 of the paper): 9n + 2 layers, n bottleneck units per stage, widths 16/32/64 (outputs 64/128/256). */
const CIFAR_WIDTHS = [16, 32, 64] as const;
const CIFAR_STEM_FILTERS = 16;

export interface PreActResNetOptions {
  /** ImageNet: 18, 34, 50, 101 or 152. CIFAR: 9n + 2 (164, 1001, ...). */
  readonly depth: number;
  /** 'imagenet' (default) or 'cifar'. */
  readonly dataset?: 'imagenet' | 'cifar';
  /** [height, width, channels]; default [224, 224, 3] (ImageNet) or [32, 32, 3] (CIFAR). */
  readonly inputShape?: readonly number[];
  /** Default 1000 (ImageNet) or 10 (CIFAR). */
  readonly classes?: number;
}

/**
 * Pre-activation ResNet (ResNet v2) from He, Zhang, Ren & Sun, "Identity
 * Mappings in Deep Residual Networks", ECCV 2016, arXiv:1603.05027.
 *
 * Units are BN-ReLU-conv with a clean identity path; the network ends with
 * BN-ReLU before global average pooling. ImageNet depths 18-152 follow the
 * authors' fb.resnet.torch preresnet.lua: the v1 stem (conv-BN-ReLU-max-pool),
 * projection shortcuts where the shape changes, and a bottleneck stride on its 3x3
 * conv. With `dataset: 'cifar'` it builds the 9n + 2 bottleneck networks of the
 * paper (ResNet-164, ResNet-1001) as in the authors' resnet-1k-layers code: a 3x3
 * stem conv and a bottleneck stride on its first 1x1 conv. No conv has a bias.
 */
export function buildPreActResNet(options: PreActResNetOptions): tf.LayersModel {
  const { depth, dataset = 'imagenet' } = options;
  checkOneOf('preact-resnet', 'dataset', dataset, ['imagenet', 'cifar'] as const);
  return dataset === 'cifar' ? buildCifar(depth, options) : buildImagenet(depth, options);
}

function buildImagenet(requested: number, options: PreActResNetOptions): tf.LayersModel {
  const depth = checkOneOf(
    `preact-resnet${requested}`,
    'ImageNet pre-activation ResNet depth',
    requested,
    IMAGENET_PREACT_DEPTHS,
  );
  const [kind, units] = IMAGENET_STAGES[depth];
  const model = `preact-resnet${depth}`;
  const inputShape = checkInputShape(model, options.inputShape ?? [224, 224, 3]);
  const classes = options.classes ?? 1000;
  checkClasses(model, classes);
  checkInputSize(model, inputShape, [...IMAGENET_STEM_REDUCTIONS, ...stageReductions(kind, '3x3', units.length, 2)]);

  const input = imageInput(inputShape);
  const x = stack(imagenetStem(input), kind, IMAGENET_WIDTHS, units, '3x3', true);
  return finishModel(model, input, classify(x, classes), { variant: describe(depth, kind, '3x3'), paper: PAPER });
}

function buildCifar(depth: number, options: PreActResNetOptions): tf.LayersModel {
  const model = `preact-resnet${depth}-cifar`;
  const n = (depth - 2) / 9;
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(
      `${model}: CIFAR pre-activation ResNet depth must be 9n + 2 with n >= 1 (164 and 1001 in the paper), got ${depth}`,
    );
  }
  const inputShape = checkInputShape(model, options.inputShape ?? [32, 32, 3]);
  const classes = options.classes ?? 10;
  checkClasses(model, classes);
  checkInputSize(model, inputShape, stageReductions('bottleneck', '1x1', CIFAR_WIDTHS.length, 2));

  const input = imageInput(inputShape);
  const stem = conv(input, 'conv1_conv', CIFAR_STEM_FILTERS, 3, { bias: false });
  const x = stack(
    stem,
    'bottleneck',
    CIFAR_WIDTHS,
    CIFAR_WIDTHS.map(() => n),
    '1x1',
    false,
  );
  return finishModel(model, input, classify(x, classes), {
    variant: describe(depth, 'bottleneck', '1x1'),
    paper: PAPER,
  });
}

/** Stages `conv2`, `conv3`, ...: the first unit of every stage but the first halves the resolution. */
function stack(
  x: Sym,
  kind: UnitKind,
  widths: readonly number[],
  units: readonly number[],
  strideOn: StrideOn,
  stemActivates: boolean,
): Sym {
  let y = x;
  widths.forEach((width, s) => {
    for (let u = 0; u < units[s]; u++) {
      const spec = { prefix: `conv${s + 2}_block${u + 1}`, kind, width, stride: s > 0 && u === 0 ? 2 : 1, strideOn };
      y = residualUnitV2(y, spec, stemActivates && s === 0 && u === 0);
    }
  });
  return y;
}

/** v2 networks end with the BN-ReLU that the last unit left out. */
function classify(x: Sym, classes: number): Sym {
  return poolAndClassify(relu(batchNorm(x, 'post_bn'), 'post_relu'), classes);
}

const PAPER = 'He, Zhang, Ren & Sun 2016, "Identity Mappings in Deep Residual Networks", arXiv:1603.05027';

function describe(depth: number, kind: UnitKind, strideOn: StrideOn): string {
  const placement =
    kind === 'basic' ? 'basic units' : `bottleneck stride on the ${strideOn === '1x1' ? 'first 1x1' : '3x3'} conv`;
  return `Pre-activation ResNet-${depth} (v2): ${placement}, projection shortcuts, final BN-ReLU`;
}
