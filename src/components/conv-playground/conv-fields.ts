/**
 * The playground's form: each field's range, the layers it starts from, and reading the form back into a spec. Shared
 * by the component (which renders the fields) and its element (which reads them).
 */
import { outputSide, type ConvSpec, type KernelPreset } from './conv-math';

type Field = Exclude<keyof ConvSpec, never>;

/** In the form's order. Small ranges: every cell of every grid stays readable on a phone. */
export const CONV_FIELDS: ReadonlyArray<{ name: Field; min: number; max: number }> = [
  { name: 'size', min: 3, max: 12 },
  { name: 'channels', min: 1, max: 4 },
  { name: 'kernel', min: 1, max: 5 },
  { name: 'stride', min: 1, max: 3 },
  { name: 'padding', min: 0, max: 3 },
  { name: 'dilation', min: 1, max: 3 },
  { name: 'groups', min: 1, max: 4 },
  { name: 'filters', min: 1, max: 4 },
];

export const CONV_PRESETS = {
  /** cv-03: one channel, one 3×3 vertical-edge filter, nothing else. */
  standard: {
    spec: { size: 7, channels: 1, kernel: 3, stride: 1, padding: 0, dilation: 1, groups: 1, filters: 1 },
    weights: 'edgeVertical',
  },
  /** cv-04's MobileNet: three channels, each filtered alone (groups = channels), "same" padding. */
  depthwise: {
    spec: { size: 6, channels: 3, kernel: 3, stride: 1, padding: 1, dilation: 1, groups: 3, filters: 3 },
    weights: 'random',
  },
} as const satisfies Record<string, { spec: ConvSpec; weights: KernelPreset }>;
export type ConvPreset = keyof typeof CONV_PRESETS;

/** The group counts a layer can take: those that divide both its input and its output channels. */
export const divisors = (s: Pick<ConvSpec, 'channels' | 'filters'>) =>
  Array.from({ length: s.channels }, (_, i) => i + 1).filter((g) => s.channels % g === 0 && s.filters % g === 0);

/** The output's shape as `HxWxC`, what checks read from `data-output-shape`. */
export const shapeOf = (s: ConvSpec) => `${outputSide(s)}x${outputSide(s)}x${s.filters}`;

/** The form's values as a spec, each clamped into its range (a typed 99 reads as the maximum). */
export function readSpec(value: (name: Field) => string | null): ConvSpec {
  const spec = {} as ConvSpec;
  for (const { name, min, max } of CONV_FIELDS) {
    const n = Math.round(Number(value(name)));
    spec[name] = Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
  }
  return spec;
}
