/**
 * Model names as the course, its snippets and `npm run zoo` spell them
 * (`resnet50`, `vgg16-bn`, `preact-resnet164-cifar`), resolved to builders.
 */
import type * as tf from '@tensorflow/tfjs';
import { buildLeNet5 } from './lenet.ts';
import { buildAlexNet } from './alexnet.ts';
import { buildVgg, VGG_DEPTHS } from './vgg.ts';
import { buildResNet, RESNET_DEPTH_RULES } from './resnet.ts';
import { checkDepth, type DepthRule } from './checks.ts';
import { buildMobileNetV1 } from './mobilenet.ts';
import { PAPERS } from './papers.ts';
// Every architecture the course names; the list lives in the protocol, since the page's explorer offers it too.
import { ZOO_NAMES } from '../protocol/index.ts';

export { ZOO_NAMES };

/** What every zoo model accepts, plus the family-specific options. */
export interface ZooOptions {
  /** [height, width, channels]; each family has its own default (224x224x3, 32x32x1, ...). */
  readonly inputShape?: readonly number[];
  readonly classes?: number;
  /** mobilenet-v1 and mobilenet-v1-mnist only: alpha, > 0. */
  readonly widthMultiplier?: number;
  /** lenet5 and lenet5-1998 only. */
  readonly activation?: 'tanh' | 'relu';
  /** alexnet-mnist only: local response normalisation after conv1; default false. */
  readonly lrn?: boolean;
}

type FamilyOption = 'widthMultiplier' | 'activation' | 'lrn';
const FAMILY_OPTIONS: readonly FamilyOption[] = ['widthMultiplier', 'activation', 'lrn'];

export interface ZooEntry {
  /** The name as asked, e.g. `resnet50-v1.5`. */
  readonly name: string;
  /** e.g. `resnet`, `resnet-cifar`, `mobilenet-v1`. */
  readonly family: string;
  build(options?: ZooOptions): tf.LayersModel;
}

type Builder = (match: RegExpMatchArray, options: ZooOptions) => tf.LayersModel;

// family, name pattern (group 1 = depth where there is one), how names read, depth rule, options it takes, builder
const FAMILIES: readonly (readonly [string, RegExp, string, DepthRule | null, readonly FamilyOption[], Builder])[] = [
  [
    'lenet5',
    /^lenet5(-1998)?$/,
    'lenet5, lenet5-1998',
    null,
    ['activation'],
    (m, o) => buildLeNet5({ ...common(o), activation: o.activation, variant: m[1] ? '1998' : 'modern' }),
  ],
  [
    'alexnet',
    /^alexnet(-2012)?$/,
    'alexnet, alexnet-2012',
    null,
    [],
    (m, o) => buildAlexNet({ ...common(o), variant: m[1] ? '2012' : 'torchvision' }),
  ],
  [
    'alexnet-mnist',
    /^alexnet-mnist$/,
    'alexnet-mnist',
    null,
    ['lrn'],
    (_, o) => buildAlexNet({ ...common(o), variant: 'mnist', lrn: o.lrn }),
  ],
  [
    'vgg',
    /^vgg(\d+)(-gap)?(-bn)?$/,
    'vgg<11|13|16|19>[-gap][-bn]',
    VGG_DEPTHS,
    [],
    (m, o) => buildVgg({ ...common(o), depth: Number(m[1]), head: m[2] ? 'gap' : 'fc', batchNorm: Boolean(m[3]) }),
  ],
  ['vgg-mnist', /^vgg8-mnist$/, 'vgg8-mnist', null, [], (_, o) => buildVgg({ ...common(o), depth: 8 })],
  [
    'resnet-cifar',
    /^resnet(\d+)-cifar$/,
    'resnet<6n+2>-cifar',
    RESNET_DEPTH_RULES['cifar-v1'],
    [],
    (m, o) => buildResNet({ ...common(o), depth: Number(m[1]), dataset: 'cifar' }),
  ],
  [
    'plain-cifar',
    /^plain(\d+)-cifar$/,
    'plain<6n+2>-cifar',
    RESNET_DEPTH_RULES['cifar-v1'],
    [],
    (m, o) => buildResNet({ ...common(o), depth: Number(m[1]), dataset: 'cifar', shortcuts: false }),
  ],
  [
    'preact-resnet-basic-cifar',
    /^preact-resnet(\d+)-basic-cifar$/,
    'preact-resnet<6n+2>-basic-cifar',
    RESNET_DEPTH_RULES['cifar-v2-basic'],
    [],
    (m, o) => buildResNet({ ...common(o), depth: Number(m[1]), version: 'v2', dataset: 'cifar', block: 'basic' }),
  ],
  [
    'preact-resnet-cifar',
    /^preact-resnet(\d+)-cifar$/,
    'preact-resnet<9n+2>-cifar',
    RESNET_DEPTH_RULES['cifar-v2'],
    [],
    (m, o) => buildResNet({ ...common(o), depth: Number(m[1]), version: 'v2', dataset: 'cifar' }),
  ],
  [
    'resnet',
    /^resnet(\d+)(-v1\.5)?$/,
    'resnet<18|34|50|101|152>[-v1.5]',
    RESNET_DEPTH_RULES.imagenet,
    [],
    (m, o) => buildResNet({ ...common(o), depth: Number(m[1]), version: m[2] ? 'v1.5' : 'v1' }),
  ],
  [
    'preact-resnet',
    /^preact-resnet(\d+)$/,
    'preact-resnet<18|34|50|101|152>',
    RESNET_DEPTH_RULES.imagenet,
    [],
    (m, o) => buildResNet({ ...common(o), depth: Number(m[1]), version: 'v2' }),
  ],
  [
    'mobilenet-v1',
    /^mobilenet-v1$/,
    'mobilenet-v1',
    null,
    ['widthMultiplier'],
    (_, o) => buildMobileNetV1({ ...common(o), widthMultiplier: o.widthMultiplier }),
  ],
  [
    'mobilenet-v1-mnist',
    /^mobilenet-v1-mnist$/,
    'mobilenet-v1-mnist',
    null,
    ['widthMultiplier'],
    (_, o) => buildMobileNetV1({ ...common(o), variant: 'mnist', widthMultiplier: o.widthMultiplier }),
  ],
];

// name pattern, what a reader must know about that name (where the same name means another network elsewhere)
const NAME_NOTES: readonly (readonly [RegExp, (match: RegExpMatchArray) => string])[] = [
  [
    /^resnet(50|101|152)$/,
    ([name, depth]) =>
      `ResNet v1 as the authors released it: a downsampling bottleneck strides in its first 1x1 conv. torchvision's ${name} is v1.5 ` +
      `(here resnet${depth}-v1.5), with the same weight shapes and parameter counts, so its weights would load into ${name} ` +
      'silently and give wrong answers.',
  ],
  [
    /^alexnet$/,
    () =>
      "torchvision's single-tower AlexNet (64-192-384-256-256 filters, no LRN), which torchvision attributes to Krizhevsky's " +
      `${PAPERS.oneWeirdTrick.year} "one weird trick" paper (arXiv:${PAPERS.oneWeirdTrick.arxiv}), although that paper ` +
      "gives conv4 384 filters: the widths are those of Krizhevsky's cuda-convnet2 one-GPU configuration " +
      "(pytorch/vision#463, #704). The 2012 paper's two-tower network is alexnet-2012.",
  ],
  [
    /^preact-resnet(\d+)-basic-cifar$/,
    ([, depth]) =>
      `basic pre-activation units (two 3x3 convs each) with option-A shortcuts, as fb.resnet.torch's preresnet.lua ` +
      `builds CIFAR networks. Without "-basic", preact-resnet<9n+2>-cifar names the paper's bottleneck networks ` +
      `(ResNet-164, ResNet-1001)${(Number(depth) - 2) % 9 === 0 ? `, so preact-resnet${depth}-cifar is another network with bottleneck units` : ''}.`,
  ],
];

/** What a reader must know about a zoo name before comparing it with another library's, or null. */
export function noteOnName(name: string): string | null {
  for (const [pattern, note] of NAME_NOTES) {
    const match = name.match(pattern);
    if (match) return note(match);
  }
  return null;
}

/** The options every family takes; family-specific ones are passed explicitly. */
function common({ inputShape, classes }: ZooOptions): { inputShape?: readonly number[]; classes?: number } {
  return { inputShape, classes };
}

/** How the names that take `option` read, for the message that refuses it elsewhere. */
function familiesTaking(option: FamilyOption): string {
  return FAMILIES.filter(([, , , , accepts]) => accepts.includes(option))
    .map(([, , reads]) => reads)
    .join(', ');
}

/** Every name pattern the registry understands, for error messages and `--help`. */
export function describeZooNames(): string {
  return FAMILIES.map(([, , reads]) => reads).join(', ');
}

/**
 * Resolves a zoo name, checking the family and depth; throws a message that
 * says what was asked and what exists.
 */
export function lookupModel(name: string): ZooEntry {
  for (const [family, pattern, reads, depths, accepts, builder] of FAMILIES) {
    const match = name.match(pattern);
    if (match === null) continue;
    if (depths !== null) checkDepth(name, Number(match[1]), depths, reads);
    return {
      name,
      family,
      build(options: ZooOptions = {}) {
        for (const option of FAMILY_OPTIONS) {
          if (options[option] !== undefined && !accepts.includes(option))
            throw new Error(`${name}: the ${option} option applies to ${familiesTaking(option)} only`);
        }
        return builder(match, options);
      },
    };
  }
  throw new Error(
    `unknown model "${name}"; known models: ${ZOO_NAMES.join(', ')}; name patterns: ${describeZooNames()}`,
  );
}

/** Builds a zoo model by name: `buildZooModel('resnet18', { inputShape: [28, 28, 1], classes: 10 })`. */
export function buildZooModel(name: string, options: ZooOptions = {}): tf.LayersModel {
  return lookupModel(name).build(options);
}
