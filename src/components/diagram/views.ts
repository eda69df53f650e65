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
  /** What the figure shows, for its caption and its title: a key of the words tables (`diagram.caption.*`). */
  readonly caption: `diagram.caption.${string}`;
}

export const DIAGRAMS = {
  'lenet5-1998': {
    model: 'lenet5-1998',
    caption: 'diagram.caption.lenet1998',
    groups: [],
  },
  lenet5: {
    model: 'lenet5',
    caption: 'diagram.caption.lenet5',
    groups: [],
  },
  'alexnet-2012': {
    model: 'alexnet-2012',
    caption: 'diagram.caption.alexnet2012',
    groups: [],
  },
  vgg16: {
    model: 'vgg16',
    caption: 'diagram.caption.vgg16',
    groups: [VGG_BLOCK, /^(fc\d+)/],
  },
  'resnet-basic-block': {
    model: 'resnet18',
    caption: 'diagram.caption.resnetBasicBlock',
    groups: [],
    part: /^conv3_block1_/,
  },
  'resnet-bottleneck': {
    model: 'resnet50',
    caption: 'diagram.caption.resnetBottleneck',
    groups: [],
    part: /^conv2_block2_/,
  },
  resnet18: {
    model: 'resnet18',
    caption: 'diagram.caption.resnet18',
    groups: [RESNET_BLOCK, RESNET_STEM],
  },
  resnet50: {
    model: 'resnet50',
    caption: 'diagram.caption.resnet50',
    groups: [RESNET_STAGE, RESNET_STEM],
    count: { pattern: RESNET_BLOCK, noun: 'diagram.count.blocks' },
  },
  'resnet-unit-original': {
    model: 'resnet18',
    caption: 'diagram.caption.resnetUnitOriginal',
    groups: [],
    part: /^conv2_block2_/,
  },
  'resnet-unit-preact': {
    model: 'preact-resnet18',
    caption: 'diagram.caption.resnetUnitPreact',
    groups: [],
    part: /^conv2_block2_/,
  },
  'mobilenet-block': {
    model: 'mobilenet-v1',
    caption: 'diagram.caption.mobilenetBlock',
    groups: [],
    part: /^conv_(dw|pw)_2(_|$)/,
  },
  'mobilenet-v1': {
    model: 'mobilenet-v1',
    caption: 'diagram.caption.mobilenetV1',
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
      : { groups: [RESNET_STAGE, RESNET_STEM], count: { pattern: RESNET_BLOCK, noun: 'diagram.count.blocks' } };
  }
  if (covers(VGG_BLOCK)) return { groups: [VGG_BLOCK, /^(fc\d+)/] };
  if (covers(MOBILENET_BLOCK[0])) return { groups: [MOBILENET_BLOCK, /^(conv1)(?:_|$)/] };
  return { groups: [] };
}
