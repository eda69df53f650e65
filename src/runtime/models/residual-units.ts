/**
 * The residual units and stems that the ResNet builder (resnet.ts) stacks, for v1 and the pre-activation
 * v2. Names follow Keras' applications/resnet.py:
 * `conv3_block2_1_conv`, `_0_conv` for the projection shortcut, `_preact_bn` for v2.
 */
import * as tf from '@tensorflow/tfjs';
import { batchNorm, connect, conv, convBn, relu, zeroPad, type Sym } from './building-blocks.ts';
import type { Reduction } from './checks.ts';
import { ZeroPadShortcut } from './layers/zero-pad-shortcut.ts';

export type UnitKind = 'basic' | 'bottleneck';
/** Which convolution of a bottleneck strides: '1x1' as in the papers, '3x3' as torchvision ("v1.5"). */
export type StrideOn = '1x1' | '3x3';
/** Where a unit changes shape: a 1x1 projection + BN (option B), the parameter-free zero-padded identity (option A),
 * or, for the plain networks He et al. compare the ResNets with, no shortcut at all. */
export type Shortcut = 'projection' | 'zero-pad' | 'none';

/** Output channels per unit width: a bottleneck's last 1x1 conv expands by 4. */
export const EXPANSION = { basic: 1, bottleneck: 4 } as const;

export interface UnitSpec {
  /** e.g. `conv3_block1`. */
  readonly prefix: string;
  readonly kind: UnitKind;
  /** Channels of the 3x3 convolutions. */
  readonly width: number;
  readonly stride: number;
  readonly strideOn: StrideOn;
}

function channels(x: Sym): number {
  const c = x.shape[x.shape.length - 1];
  if (c === null) throw new Error('residual units need a known channel count');
  return c;
}

/** The shortcut must change shape when the unit strides or widens. */
function needsProjection(x: Sym, { kind, width, stride }: UnitSpec): boolean {
  return stride !== 1 || channels(x) !== width * EXPANSION[kind];
}

/** [kernel, stride] of each convolution in the residual branch, in order. */
function branchConvs({ kind, stride, strideOn }: UnitSpec): [number, number][] {
  if (kind === 'basic')
    return [
      [3, stride],
      [3, 1],
    ];
  return [
    [1, strideOn === '1x1' ? stride : 1],
    [3, strideOn === '3x3' ? stride : 1],
    [1, 1],
  ];
}

function branchFilters({ kind, width }: UnitSpec, index: number, count: number): number {
  return index === count - 1 ? width * EXPANSION[kind] : width;
}

/**
 * ResNet v1 unit (He et al. 2015): conv-BN-ReLU ... conv-BN, add the shortcut,
 * ReLU. A changing shape is matched by a 1x1 projection + BN (option B) or by
 * the parameter-free zero-padded identity (option A). With shortcut 'none' the
 * unit is the paper's plain counterpart: the same layers and weights, no addition.
 */
export function residualUnitV1(x: Sym, spec: UnitSpec, shortcut: Shortcut): Sym {
  const { prefix, kind } = spec;
  const convs = branchConvs(spec);
  let r = x;
  convs.forEach(([kernel, s], i) => {
    r = convBn(r, `${prefix}_${i + 1}`, branchFilters(spec, i, convs.length), kernel, s);
    if (i < convs.length - 1) r = relu(r, `${prefix}_${i + 1}_relu`);
  });
  if (shortcut === 'none') return relu(r, `${prefix}_out`);
  const sum = connect(tf.layers.add({ name: `${prefix}_add` }), [matchShape(x, spec, shortcut, kind), r]);
  return relu(sum, `${prefix}_out`);
}

/** The v1 shortcut: the input itself, or reshaped to the branch's output by projection or zero padding. */
function matchShape(x: Sym, spec: UnitSpec, shortcut: 'projection' | 'zero-pad', kind: UnitKind): Sym {
  if (!needsProjection(x, spec)) return x;
  const { prefix, width, stride } = spec;
  const out = width * EXPANSION[kind];
  return shortcut === 'projection'
    ? convBn(x, `${prefix}_0`, out, 1, stride)
    : connect(new ZeroPadShortcut({ name: `${prefix}_0_shortcut`, stride, filters: out }), x);
}

/**
 * Pre-activation unit (He et al. 2016): BN-ReLU-conv ... and a clean identity
 * path. As in the authors' code (fb.resnet.torch preresnet.lua, resnet-1k-layers),
 * the first unit of a stage shares its BN-ReLU with the shortcut (their
 * 'both_preact'), whether that shortcut projects (option B), zero-pads (option A,
 * fb.resnet.torch's default on CIFAR) or is the identity; a unit whose input is
 * already activated (right after the ImageNet stem) skips it.
 */
export function residualUnitV2(
  x: Sym,
  spec: UnitSpec,
  { inputActivated, firstInStage, shortcut }: { inputActivated: boolean; firstInStage: boolean; shortcut: Shortcut },
): Sym {
  const { prefix, kind, width, stride } = spec;
  if (shortcut === 'none') throw new Error(`${prefix}: a pre-activation unit needs its shortcut`);
  const activated = inputActivated ? x : relu(batchNorm(x, `${prefix}_preact_bn`), `${prefix}_preact_relu`);
  const shared = firstInStage ? activated : x;
  const out = width * EXPANSION[kind];
  const skip = !needsProjection(x, spec)
    ? shared
    : shortcut === 'projection'
      ? conv(shared, `${prefix}_0_conv`, out, 1, { stride, bias: false })
      : connect(new ZeroPadShortcut({ name: `${prefix}_0_shortcut`, stride, filters: out }), shared);
  const convs = branchConvs(spec);
  let r = activated;
  convs.forEach(([kernel, s], i) => {
    if (i > 0) r = relu(batchNorm(r, `${prefix}_${i}_bn`), `${prefix}_${i}_relu`);
    r = conv(r, `${prefix}_${i + 1}_conv`, branchFilters(spec, i, convs.length), kernel, {
      stride: s,
      bias: false,
      padName: `${prefix}_${i + 1}_pad`,
    });
  });
  return connect(tf.layers.add({ name: `${prefix}_out` }), [skip, r]);
}

/** ImageNet stem: 7x7/2 conv, BN, ReLU, 3x3/2 max-pool (both padded as torchvision pads them). */
export function imagenetStem(input: Sym): Sym {
  const x = relu(convBn(input, 'conv1', 64, 7, 2), 'conv1_relu');
  // Zero padding equals torchvision's -inf padding here because the input is post-ReLU (>= 0).
  const padded = zeroPad(x, 'pool1_pad', 1);
  return connect(tf.layers.maxPooling2d({ name: 'pool1_pool', poolSize: 3, strides: 2 }), padded);
}

export const IMAGENET_STEM_REDUCTIONS: readonly Reduction[] = [
  { layer: 'conv1_conv', kernel: 7, stride: 2, padding: 6 },
  { layer: 'pool1_pool', kernel: 3, stride: 2, padding: 2 },
];

/** The reductions of the strided first unit of each stage after the first (`conv3`, `conv4`, ...). */
export function stageReductions(kind: UnitKind, strideOn: StrideOn, stages: number, firstStage: number): Reduction[] {
  const kernel = kind === 'bottleneck' && strideOn === '1x1' ? 1 : 3;
  return Array.from({ length: stages - 1 }, (_, s) => ({
    layer: `conv${firstStage + s + 1}_block1`,
    kernel,
    stride: 2,
    padding: kernel - 1,
  }));
}

// depth: residual unit, units in stages conv2-conv5 (He et al. 2015, Table 1, arXiv:1512.03385); the
// pre-activation networks of He et al. 2016 keep the same layout.
export const IMAGENET_STAGES = {
  18: ['basic', [2, 2, 2, 2]],
  34: ['basic', [3, 4, 6, 3]],
  50: ['bottleneck', [3, 4, 6, 3]],
  101: ['bottleneck', [3, 4, 23, 3]],
  152: ['bottleneck', [3, 8, 36, 3]],
} as const;
export const IMAGENET_DEPTHS = [18, 34, 50, 101, 152] as const;
/** Filters of the four stages (bottleneck outputs are 4x these). */
export const IMAGENET_WIDTHS = [64, 128, 256, 512] as const;
