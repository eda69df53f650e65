import type * as tf from '@tensorflow/tfjs';
import { checkClasses, checkDepth, checkInputShape, checkInputSize, checkOneOf, type DepthRule } from './checks.ts';
import {
  batchNorm,
  conv,
  convBn,
  finishModel,
  imageInput,
  poolAndClassify,
  relu,
  type Sym,
} from './building-blocks.ts';
import {
  IMAGENET_DEPTHS,
  IMAGENET_STAGES,
  IMAGENET_STEM_REDUCTIONS,
  IMAGENET_WIDTHS,
  imagenetStem,
  residualUnitV1,
  residualUnitV2,
  stageReductions,
  type Shortcut,
  type StrideOn,
  type UnitKind,
} from './residual-units.ts';
import { citePaper, PAPERS } from './papers.ts';
import { words, type Words } from '../protocol/words.ts';

export type ResNetVersion = 'v1' | 'v1.5' | 'v2';
export type ResNetDataset = 'imagenet' | 'cifar';

// version: unit (which also names the paper), where a downsampling bottleneck strides on ImageNet (on CIFAR it is
// always the first 1x1)
const VERSIONS = {
  v1: { unit: 'v1', imagenetStrideOn: '1x1' },
  'v1.5': { unit: 'v1', imagenetStrideOn: '3x3' },
  v2: { unit: 'v2', imagenetStrideOn: '3x3' },
} as const satisfies Record<ResNetVersion, { unit: 'v1' | 'v2'; imagenetStrideOn: StrideOn }>;

/** CIFAR stages (He et al. 2015 sec. 4.2; 2016 sec. 4): three stages of 16, 32 and 64 filters on 32x32 images. */
const CIFAR_WIDTHS = [16, 32, 64] as const;

// unit and block on CIFAR: the depth rule, how names read, the shortcut where shapes change
const CIFAR = {
  // He et al. 2015 sec. 4.2: option A shortcuts.
  'v1-basic': { rule: { form: '6n + 2', step: 6, examples: '20, 32, 44, 56, 110, 1202' }, shortcut: 'zero-pad' },
  // He et al. 2016, ResNet-164 and ResNet-1001 as resnet-1k-layers builds them: projection shortcuts.
  'v2-bottleneck': { rule: { form: '9n + 2', step: 9, examples: '164, 1001' }, shortcut: 'projection' },
  // He et al. 2016's basic pre-activation units (its ResNet-110 experiments), as fb.resnet.torch's preresnet.lua
  // builds them for CIFAR: option A shortcuts, its default there.
  'v2-basic': { rule: { form: '6n + 2', step: 6, examples: '20, 56, 110' }, shortcut: 'zero-pad' },
} as const satisfies Record<string, { rule: DepthRule; shortcut: Shortcut }>;
type CifarNet = keyof typeof CIFAR;

/** The depths each network exists in: the registry checks names with these, the builder checks its options. */
export const RESNET_DEPTH_RULES = {
  imagenet: IMAGENET_DEPTHS,
  'cifar-v1': CIFAR['v1-basic'].rule,
  'cifar-v2': CIFAR['v2-bottleneck'].rule,
  'cifar-v2-basic': CIFAR['v2-basic'].rule,
} as const satisfies Record<string, DepthRule>;

/** The paper that introduced each residual unit. */
const UNIT_PAPERS = { v1: PAPERS.resnet, v2: PAPERS.preactResnet } as const;

export interface ResNetOptions {
  /** ImageNet: 18, 34, 50, 101 or 152. CIFAR: 6n + 2 for v1 (20, 56, 110, ...), 9n + 2 for v2 (164, 1001). */
  readonly depth: number;
  /** 'v1' (default): the 2015 unit, a bottleneck striding in its first 1x1 conv as the authors' models do;
   * 'v1.5': torchvision's v1, striding in the 3x3 conv; 'v2': the 2016 pre-activation unit. */
  readonly version?: ResNetVersion;
  /** 'imagenet' (default) or 'cifar' (3x3 stem, three stages). */
  readonly dataset?: ResNetDataset;
  /** [height, width, channels]; default [224, 224, 3] (ImageNet) or [32, 32, 3] (CIFAR). */
  readonly inputShape?: readonly number[];
  /** Default 1000 (ImageNet) or 10 (CIFAR). */
  readonly classes?: number;
  /** false: the plain network of He et al. 2015 (their plain-18/34, plain-20/56 baselines): the same layers
   * without shortcuts or additions. v1 only; default true. */
  readonly shortcuts?: boolean;
  /** CIFAR v2 only: 'bottleneck' (default: the 9n + 2 networks) or 'basic' (the 6n + 2 pre-activation networks). */
  readonly block?: UnitKind;
}

/**
 * Every ResNet of the course from one builder and the tables above, in the manner of torchvision's `_make_layer`
 * and Keras' `ResNet(stack_fn, preact)`.
 *
 * - v1 and v1.5: He, Zhang, Ren & Sun, "Deep Residual Learning for Image Recognition", CVPR 2016,
 *   arXiv:1512.03385. ImageNet depths 18-152 (Table 1): 7x7/2 stem, max-pool, four stages of basic or bottleneck
 *   units with 1x1 projection shortcuts (option B), global average pooling, softmax; no convolution bias before
 *   batch norm, so trainable parameters equal torchvision's (v1.5 has ~6% more MACs). CIFAR: the 6n + 2 networks
 *   of section 4.2 with option-A zero-padded identity shortcuts.
 * - v2: He, Zhang, Ren & Sun, "Identity Mappings in Deep Residual Networks", ECCV 2016, arXiv:1603.05027. Units
 *   are BN-ReLU-conv with a clean identity path, and the network ends with BN-ReLU before pooling. ImageNet follows
 *   the authors' fb.resnet.torch preresnet.lua (v1 stem, projection shortcuts, bottleneck stride on the 3x3 conv);
 *   CIFAR the 9n + 2 bottleneck networks (ResNet-164, ResNet-1001) of their resnet-1k-layers code (a 3x3 stem conv,
 *   bottleneck stride on the first 1x1 conv), or with `block: 'basic'` the 6n + 2 networks of basic
 *   pre-activation units with option-A shortcuts, as fb.resnet.torch's preresnet.lua builds them. No conv has a bias.
 * - `shortcuts: false`: the plain networks of He et al. 2015 (sec. 4.1, 4.2), every unit's layers without its
 *   shortcut; with option-A shortcuts (CIFAR) a plain net has exactly its ResNet's weights.
 */
export function buildResNet(options: ResNetOptions): tf.LayersModel {
  const { depth, version = 'v1', dataset = 'imagenet', shortcuts = true } = options;
  checkOneOf('resnet', 'version', version, ['v1', 'v1.5', 'v2'] as const);
  checkOneOf('resnet', 'dataset', dataset, ['imagenet', 'cifar'] as const);
  if (!shortcuts && version !== 'v1')
    throw new Error(`resnet: plain networks (shortcuts: false) exist for version v1 only, got ${version}`);
  if (options.block !== undefined && (dataset !== 'cifar' || version !== 'v2'))
    throw new Error(`resnet: the block option chooses between CIFAR pre-activation networks (v2, cifar) only`);
  return dataset === 'cifar' ? buildCifar(depth, version, options) : buildImagenet(depth, version, options);
}

function modelName(
  depth: number,
  version: ResNetVersion,
  dataset: ResNetDataset,
  { shortcuts = true, block }: Pick<ResNetOptions, 'shortcuts' | 'block'> = {},
): string {
  const family = !shortcuts ? 'plain' : version === 'v2' ? 'preact-resnet' : 'resnet';
  const basic = version === 'v2' && dataset === 'cifar' && block === 'basic' ? '-basic' : '';
  return `${family}${depth}${version === 'v1.5' ? '-v1.5' : ''}${basic}${dataset === 'cifar' ? '-cifar' : ''}`;
}

function buildImagenet(requested: number, version: ResNetVersion, options: ResNetOptions): tf.LayersModel {
  const label = version === 'v2' ? 'ImageNet pre-activation ResNet depth' : 'ImageNet ResNet depth';
  const depth = checkOneOf(modelName(requested, version, 'imagenet', options), label, requested, IMAGENET_DEPTHS);
  const [kind, units] = IMAGENET_STAGES[depth];
  const { unit, imagenetStrideOn: strideOn } = VERSIONS[version];
  if (version === 'v1.5' && kind === 'basic') {
    throw new Error(
      `resnet${depth}-v1.5: v1.5 moves a bottleneck's stride, so it exists for depths 50, 101, 152 only, got ${depth}`,
    );
  }
  const model = modelName(depth, version, 'imagenet', options);
  const shortcut: Shortcut = options.shortcuts === false ? 'none' : 'projection';
  const inputShape = checkInputShape(model, options.inputShape ?? [224, 224, 3]);
  const classes = options.classes ?? 1000;
  checkClasses(model, classes);
  checkInputSize(model, inputShape, [...IMAGENET_STEM_REDUCTIONS, ...stageReductions(kind, strideOn, units.length, 2)]);

  const input = imageInput(inputShape);
  const x = stack(imagenetStem(input), unit, kind, IMAGENET_WIDTHS, units, strideOn, shortcut, true);
  return finishModel(model, input, head(x, unit, classes), {
    variant: describe(depth, version, kind, strideOn, shortcut),
    paper: citePaper(UNIT_PAPERS[VERSIONS[version].unit]),
  });
}

function buildCifar(depth: number, version: ResNetVersion, options: ResNetOptions): tf.LayersModel {
  const model = modelName(depth, version, 'cifar', options);
  if (version === 'v1.5')
    throw new Error(`${model}: CIFAR ResNets use basic units, so only variant v1 exists, got v1.5`);
  const { unit } = VERSIONS[version];
  const kind = checkOneOf(model, 'block', options.block ?? (unit === 'v1' ? 'basic' : 'bottleneck'), [
    'basic',
    'bottleneck',
  ] as const);
  const net: CifarNet = unit === 'v1' ? 'v1-basic' : kind === 'basic' ? 'v2-basic' : 'v2-bottleneck';
  const { rule } = CIFAR[net];
  const shortcut: Shortcut = options.shortcuts === false ? 'none' : CIFAR[net].shortcut;
  checkDepth(model, depth, rule, model.replace(String(depth), `<${rule.form.replace(/ /g, '')}>`));
  const n = (depth - 2) / rule.step;
  const inputShape = checkInputShape(model, options.inputShape ?? [32, 32, 3]);
  const classes = options.classes ?? 10;
  checkClasses(model, classes);
  checkInputSize(model, inputShape, stageReductions(kind, '1x1', CIFAR_WIDTHS.length, 2));

  const input = imageInput(inputShape);
  // v1 opens with conv-BN-ReLU; v2 with a bare conv, since its first unit starts with BN-ReLU.
  const stem =
    unit === 'v1'
      ? relu(convBn(input, 'conv1', CIFAR_WIDTHS[0], 3), 'conv1_relu')
      : conv(input, 'conv1_conv', CIFAR_WIDTHS[0], 3, { bias: false });
  const x = stack(
    stem,
    unit,
    kind,
    CIFAR_WIDTHS,
    CIFAR_WIDTHS.map(() => n),
    '1x1',
    shortcut,
    false,
  );
  return finishModel(model, input, head(x, unit, classes), {
    variant: describe(depth, version, kind, '1x1', shortcut),
    paper: citePaper(UNIT_PAPERS[VERSIONS[version].unit]),
  });
}

/** Stages `conv2`, `conv3`, ...: the first unit of every stage but the first halves the resolution. */
function stack(
  x: Sym,
  unit: 'v1' | 'v2',
  kind: UnitKind,
  widths: readonly number[],
  units: readonly number[],
  strideOn: StrideOn,
  shortcut: Shortcut,
  stemActivates: boolean,
): Sym {
  let y = x;
  widths.forEach((width, s) => {
    for (let u = 0; u < units[s]!; u++) {
      const spec = { prefix: `conv${s + 2}_block${u + 1}`, kind, width, stride: s > 0 && u === 0 ? 2 : 1, strideOn };
      y =
        unit === 'v1'
          ? residualUnitV1(y, spec, shortcut)
          : residualUnitV2(y, spec, {
              inputActivated: stemActivates && s === 0 && u === 0,
              firstInStage: u === 0,
              shortcut,
            });
    }
  });
  return y;
}

/** v2 networks end with the BN-ReLU that their last unit left out. */
function head(x: Sym, unit: 'v1' | 'v2', classes: number): Sym {
  return poolAndClassify(unit === 'v2' ? relu(batchNorm(x, 'post_bn'), 'post_relu') : x, classes);
}

const SHORTCUT_WORDS = {
  projection: 'variant.shortcut.projection',
  'zero-pad': 'variant.shortcut.zeroPad',
  none: 'variant.shortcut.none',
} as const satisfies Record<Shortcut, string>;

function describe(
  depth: number,
  version: ResNetVersion,
  kind: UnitKind,
  strideOn: StrideOn,
  shortcut: Shortcut,
): Words {
  const shortcuts = words(SHORTCUT_WORDS[shortcut]);
  if (version === 'v2') {
    const placement = words(
      kind === 'basic' ? 'variant.basicUnits' : strideOn === '1x1' ? 'variant.strideFirst1x1' : 'variant.stride3x3',
    );
    return words('variant.resnetV2', { depth, placement, shortcuts });
  }
  const placement = words(
    kind === 'basic'
      ? 'variant.basicUnits'
      : strideOn === '1x1'
        ? 'variant.strideFirst1x1Authors'
        : 'variant.stride3x3Torchvision',
  );
  const label = kind === 'bottleneck' && strideOn === '3x3' ? 'v1.5' : 'v1';
  if (shortcut === 'none') return words('variant.plain', { depth, label, placement });
  return words('variant.resnetV1', { depth, label, placement, shortcuts });
}
