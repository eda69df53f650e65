/**
 * Every architecture diagram the lessons show, one row each: which zoo model, how it is grouped, and what the
 * caption calls it. The numbers on each come from the model (layout.ts), never from this table.
 */
import type { DiagramView } from './layout';

/** A ResNet-style name: `conv3_block1_2_conv` is in block `conv3_block1` of stage `conv3`. */
const RESNET_BLOCK = /^(conv\d+_block\d+)_/;
const RESNET_STAGE = /^(conv\d+)_block/;
const RESNET_STEM = /^(conv1|pool1)_/;
const VGG_BLOCK = /^(block\d+)_/;
const MOBILENET_BLOCK = [/^conv_(?:dw|pw)_(\d+)(?:_|$)/, 'block$1'] as const;

export interface DiagramSpec extends DiagramView {
  /** Zoo name of the model drawn. */
  readonly model: string;
  /** What the figure shows, for its caption and its title. */
  readonly caption: string;
}

export const DIAGRAMS = {
  'lenet5-1998': {
    model: 'lenet5-1998',
    caption: 'LeNet-5 as published in 1998: C3 sees only some of S2’s maps',
    groups: [],
  },
  lenet5: {
    model: 'lenet5',
    caption: 'The modern LeNet-5, the one the course trains: C3 sees every one of S2’s maps',
    groups: [],
  },
  'alexnet-2012': {
    model: 'alexnet-2012',
    caption: 'AlexNet (2012): two towers, one per GPU, that meet at conv3 and the classifier',
    groups: [],
  },
  vgg16: {
    model: 'vgg16',
    caption: 'VGG-16 block by block: stacks of small convolutions, each block ending in a pooling layer',
    groups: [VGG_BLOCK, /^(fc\d+)/],
  },
  'resnet-basic-block': {
    model: 'resnet18',
    caption: 'A ResNet basic block that downsamples (ResNet-18’s conv3_block1), with its 1×1 projection shortcut',
    groups: [],
    part: /^conv3_block1_/,
  },
  'resnet-bottleneck': {
    model: 'resnet50',
    caption:
      'A ResNet bottleneck block (ResNet-50’s conv2_block2): a 1×1 convolution narrows the channels, a 3×3 filters them, a 1×1 widens them again',
    groups: [],
    part: /^conv2_block2_/,
  },
  resnet18: {
    model: 'resnet18',
    caption: 'ResNet-18 block by block, each with its shortcut',
    groups: [RESNET_BLOCK, RESNET_STEM],
  },
  resnet50: {
    model: 'resnet50',
    caption: 'ResNet-50 stage by stage',
    groups: [RESNET_STAGE, RESNET_STEM],
    count: { pattern: RESNET_BLOCK, noun: 'block' },
  },
  'resnet-unit-original': {
    model: 'resnet18',
    caption: 'The original residual unit (ResNet-18’s conv2_block2): ReLU after the addition',
    groups: [],
    part: /^conv2_block2_/,
  },
  'resnet-unit-preact': {
    model: 'preact-resnet18',
    caption: 'The pre-activation unit (pre-activation ResNet-18’s conv2_block2): BN and ReLU before each conv',
    groups: [],
    part: /^conv2_block2_/,
  },
  'mobilenet-block': {
    model: 'mobilenet-v1',
    caption:
      'A depthwise separable block of MobileNetV1 (block 2): a depthwise convolution per channel, then a 1×1 pointwise one',
    groups: [],
    part: /^conv_(dw|pw)_2(_|$)/,
  },
  'mobilenet-v1': {
    model: 'mobilenet-v1',
    caption: 'MobileNetV1: one standard convolution, then depthwise separable blocks, pooling and a classifier',
    groups: [MOBILENET_BLOCK, /^(conv1)(?:_|$)/],
  },
} as const satisfies Record<string, DiagramSpec>;

export type DiagramId = keyof typeof DIAGRAMS;

/** The zoo models the diagrams draw: what the build computes graphs for. */
export const DIAGRAM_MODELS: readonly string[] = [...new Set(Object.values(DIAGRAMS).map((d) => d.model))];

/** The explorer's first model and input size, drawn at build time so the island shows it before any script. */
export const EXPLORER_FIRST = 'lenet5@28';

/** Boxes an explorer diagram shows at most before it groups layers into blocks, and blocks into stages. */
const EXPLORER_BOXES = 48;

/**
 * How the explorer draws a model of any size: every layer while they fit, else blocks, else stages (a
 * 1,001-layer ResNet), by the first naming scheme that covers most of its layers.
 */
export function explorerView(layerNames: readonly string[]): DiagramView {
  if (layerNames.length <= EXPLORER_BOXES) return { groups: [] };
  const covers = (pattern: RegExp) => layerNames.filter((n) => pattern.test(n)).length > layerNames.length / 2;
  if (covers(RESNET_BLOCK)) {
    const blocks = new Set(layerNames.flatMap((n) => RESNET_BLOCK.exec(n)?.[1] ?? [])).size;
    return blocks <= EXPLORER_BOXES
      ? { groups: [RESNET_BLOCK, RESNET_STEM] }
      : { groups: [RESNET_STAGE, RESNET_STEM], count: { pattern: RESNET_BLOCK, noun: 'block' } };
  }
  if (covers(VGG_BLOCK)) return { groups: [VGG_BLOCK, /^(fc\d+)/] };
  if (covers(MOBILENET_BLOCK[0])) return { groups: [MOBILENET_BLOCK, /^(conv1)(?:_|$)/] };
  return { groups: [] };
}
