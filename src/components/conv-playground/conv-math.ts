/**
 * One 2-D convolution layer's arithmetic, for the playground: its output size, parameters and multiply-adds, which
 * input cells and weights make each output cell, the whole output, and the tfjs call that builds the same layer.
 * Plain arrays: the playground needs no tfjs, and tests check `convolve` against tfjs's own kernels.
 * Conventions are PyTorch's and tfjs's: channels last, cross-correlation (the kernel is not flipped), zero padding
 * on every side, `groups` splitting input and output channels into that many independent convolutions.
 */

export interface ConvSpec {
  /** The input's height and width (square). */
  size: number;
  channels: number;
  /** The kernel's height and width (square). */
  kernel: number;
  stride: number;
  /** Zeros added on each side. */
  padding: number;
  /** Gap between kernel taps: 1 is a dense kernel. */
  dilation: number;
  /** 1 is a standard convolution; `channels` (with `filters` a multiple of it) is depthwise. */
  groups: number;
  /** Output channels. */
  filters: number;
}

/** Why a spec builds no layer, as a key of the course's words (`conv.invalid.*`), or null. */
export function invalidReason(s: ConvSpec): 'groups' | 'tooBig' | null {
  if (s.channels % s.groups !== 0 || s.filters % s.groups !== 0) return 'groups';
  if (outputSide(s) < 1) return 'tooBig';
  return null;
}

/** The span of input one kernel covers: k + (k − 1)(d − 1). */
export const kernelExtent = (s: ConvSpec) => s.dilation * (s.kernel - 1) + 1;

/** ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1 */
export const outputSide = (s: ConvSpec) => Math.floor((s.size + 2 * s.padding - kernelExtent(s)) / s.stride) + 1;

/** Input channels each filter sees. */
export const channelsPerGroup = (s: ConvSpec) => s.channels / s.groups;

/** Weights (filters × channels/groups × k × k) and one bias per filter. */
export const parameters = (s: ConvSpec) => s.filters * channelsPerGroup(s) * s.kernel * s.kernel + s.filters;

/** One multiply-add per weight, per output position. */
export const multiplyAdds = (s: ConvSpec) => outputSide(s) ** 2 * s.filters * channelsPerGroup(s) * s.kernel ** 2;

/** The input channels output channel `filter` reads: its group's. */
export function groupChannels(s: ConvSpec, filter: number): number[] {
  const perGroup = channelsPerGroup(s);
  const group = Math.floor(filter / (s.filters / s.groups));
  return Array.from({ length: perGroup }, (_, i) => group * perGroup + i);
}

export interface Tap {
  channel: number;
  /** Input row and column; outside 0..size − 1 it reads padding (zero). */
  y: number;
  x: number;
  ky: number;
  kx: number;
}

/** Every input cell and weight that output cell (row, col) of `filter` multiplies, in the kernel's order. */
export function taps(s: ConvSpec, row: number, col: number, filter: number): Tap[] {
  const out: Tap[] = [];
  for (const channel of groupChannels(s, filter))
    for (let ky = 0; ky < s.kernel; ky++)
      for (let kx = 0; kx < s.kernel; kx++)
        out.push({
          channel,
          y: row * s.stride - s.padding + ky * s.dilation,
          x: col * s.stride - s.padding + kx * s.dilation,
          ky,
          kx,
        });
  return out;
}

/**
 * Weights as `[filter][channel in group][ky][kx]`, flattened; input as one row-major array per channel.
 * Returns one row-major array per output channel (bias added).
 */
export function convolve(
  s: ConvSpec,
  input: Float32Array[],
  weights: Float32Array,
  bias?: Float32Array,
): Float32Array[] {
  const side = outputSide(s);
  const perGroup = channelsPerGroup(s);
  const k2 = s.kernel * s.kernel;
  return Array.from({ length: s.filters }, (_, f) => {
    const out = new Float32Array(side * side);
    const first = groupChannels(s, f)[0]!;
    for (let row = 0; row < side; row++)
      for (let col = 0; col < side; col++) {
        let sum = bias?.[f] ?? 0;
        for (const t of taps(s, row, col, f)) {
          if (t.y < 0 || t.x < 0 || t.y >= s.size || t.x >= s.size) continue;
          const w = weights[(f * perGroup + (t.channel - first)) * k2 + t.ky * s.kernel + t.kx]!;
          sum += w * input[t.channel]![t.y * s.size + t.x]!;
        }
        out[row * side + col] = sum;
      }
    return out;
  });
}

/**
 * The tfjs layers that build this convolution, as code. tfjs 4.22's layers pad only 'valid' or 'same', so numeric
 * padding is a zeroPadding2d first; it has no grouped convolution, so groups between 1 and the channel count are
 * said in a comment; and it refuses a dilation above 1 with a stride above 1.
 */
export function tfjsLayers(s: ConvSpec): { code: string; note: 'grouped' | 'dilatedStride' | null } {
  const lines: string[] = [];
  const common = [
    `kernelSize: ${s.kernel}`,
    ...(s.stride > 1 ? [`strides: ${s.stride}`] : []),
    ...(s.dilation > 1 ? [`dilationRate: ${s.dilation}`] : []),
  ];
  if (s.padding > 0) lines.push(`tf.layers.zeroPadding2d({ padding: ${s.padding} }),`);
  const depthwise = s.groups === s.channels && s.groups > 1;
  if (depthwise) {
    const multiplier = s.filters / s.channels;
    lines.push(
      `tf.layers.depthwiseConv2d({ ${[...common, ...(multiplier > 1 ? [`depthMultiplier: ${multiplier}`] : [])].join(', ')} }),`,
    );
  } else lines.push(`tf.layers.conv2d({ filters: ${s.filters}, ${common.join(', ')} }),`);
  const note = s.groups > 1 && !depthwise ? 'grouped' : s.dilation > 1 && s.stride > 1 ? 'dilatedStride' : null;
  return { code: lines.join('\n'), note };
}

/** A kernel the reader can pick, for any size k: weights for one filter and one channel, row-major. */
export const KERNEL_PRESETS = ['edgeVertical', 'edgeHorizontal', 'blur', 'sharpen', 'identity', 'random'] as const;
export type KernelPreset = (typeof KERNEL_PRESETS)[number];

export function presetKernel(preset: KernelPreset, k: number, seed = 1): Float32Array {
  const w = new Float32Array(k * k);
  const centre = Math.floor(k / 2);
  for (let y = 0; y < k; y++)
    for (let x = 0; x < k; x++) {
      const i = y * k + x;
      if (preset === 'edgeVertical') w[i] = k === 1 ? 1 : x === 0 ? 1 : x === k - 1 ? -1 : 0;
      else if (preset === 'edgeHorizontal') w[i] = k === 1 ? 1 : y === 0 ? 1 : y === k - 1 ? -1 : 0;
      else if (preset === 'blur') w[i] = 1 / (k * k);
      else if (preset === 'sharpen') w[i] = y === centre && x === centre ? k * k : -1;
      else if (preset === 'identity') w[i] = y === centre && x === centre ? 1 : 0;
      else w[i] = Math.floor(seeded(seed * 1009 + i) * 5) - 2; // −2 … 2
    }
  return w;
}

/** A small deterministic generator (mulberry32 step), so the page's example values are the same on every visit. */
export function seeded(n: number): number {
  let t = (n + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
