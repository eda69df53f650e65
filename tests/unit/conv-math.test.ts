// The playground's convolution arithmetic against tfjs's own kernels (CPU backend) and the formulas of
// Dumoulin & Visin, "A guide to convolution arithmetic for deep learning" (2016).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  convolve,
  invalidReason,
  kernelExtent,
  multiplyAdds,
  outputSide,
  parameters,
  presetKernel,
  seeded,
  taps,
  tfjsLayers,
  type ConvSpec,
} from '~/components/conv-playground/conv-math';
import { CONV_PRESETS } from '~/components/conv-playground/conv-fields';

const BASE: ConvSpec = { size: 7, channels: 1, kernel: 3, stride: 1, padding: 0, dilation: 1, groups: 1, filters: 1 };

/** tfjs's answer for the same layer: the input padded, then conv2d per group (depthwise too), concatenated. */
function reference(s: ConvSpec, input: Float32Array[], weights: Float32Array): Float32Array[] {
  return tf.tidy(() => {
    const x = tf
      .stack(
        input.map((c) => tf.tensor2d(c, [s.size, s.size])),
        2,
      )
      .expandDims(0) as tf.Tensor4D;
    const padded = x.pad([
      [0, 0],
      [s.padding, s.padding],
      [s.padding, s.padding],
      [0, 0],
    ]);
    const perGroup = s.channels / s.groups;
    const filtersPerGroup = s.filters / s.groups;
    // [filter][channel][ky][kx] -> [ky][kx][channel][filter], per group.
    const w = tf.tensor4d(weights, [s.filters, perGroup, s.kernel, s.kernel]).transpose([2, 3, 1, 0]);
    const outs = Array.from({ length: s.groups }, (_, g) => {
      const xs = padded.slice([0, 0, 0, g * perGroup], [-1, -1, -1, perGroup]);
      const ws = w.slice([0, 0, 0, g * filtersPerGroup], [-1, -1, -1, filtersPerGroup]) as tf.Tensor4D;
      return tf.conv2d(xs as tf.Tensor4D, ws, s.stride, 'valid', 'NHWC', s.dilation);
    });
    const y = tf.concat(outs, 3).squeeze([0]) as tf.Tensor3D;
    return Array.from({ length: s.filters }, (_, f) => Float32Array.from(y.slice([0, 0, f], [-1, -1, 1]).dataSync()));
  });
}

describe("the convolution playground's arithmetic", () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it("gives the guide's output sizes: padding, stride and dilation", () => {
    // Dumoulin & Visin's relations 1-6 and 15 on their own examples.
    expect(outputSide({ ...BASE, size: 4, kernel: 3 })).toBe(2); // no padding, unit stride
    expect(outputSide({ ...BASE, size: 5, kernel: 4, padding: 2 })).toBe(6); // arbitrary padding
    expect(outputSide({ ...BASE, size: 5, kernel: 3, padding: 1 })).toBe(5); // half ("same") padding
    expect(outputSide({ ...BASE, size: 5, kernel: 3, padding: 2 })).toBe(7); // full padding
    expect(outputSide({ ...BASE, size: 5, kernel: 3, stride: 2 })).toBe(2); // stride 2
    expect(outputSide({ ...BASE, size: 5, kernel: 3, stride: 2, padding: 1 })).toBe(3);
    expect(outputSide({ ...BASE, size: 7, kernel: 3, dilation: 2 })).toBe(3); // dilated: extent 5
  });

  it('counts parameters and multiply-adds: standard, grouped and depthwise', () => {
    const standard = { ...BASE, size: 32, channels: 3, kernel: 5, filters: 16 };
    expect(parameters(standard)).toBe(16 * 3 * 25 + 16); // cv-03's worked example: 1,216
    expect(multiplyAdds(standard)).toBe(28 * 28 * 16 * 3 * 25);
    const depthwise = { ...BASE, size: 8, channels: 4, filters: 4, groups: 4, padding: 1 };
    expect(parameters(depthwise)).toBe(4 * 9 + 4);
    expect(multiplyAdds(depthwise)).toBe(8 * 8 * 4 * 9);
    expect(parameters({ ...depthwise, groups: 2 })).toBe(4 * 2 * 9 + 4);
  });

  it("backs the lessons' sentences: a dilated 3×3 spans 5×5; one group instead of three triples the depthwise preset's work", () => {
    expect(kernelExtent({ ...BASE, dilation: 2 })).toBe(5);
    const depthwise = CONV_PRESETS.depthwise.spec;
    const standard = { ...depthwise, groups: 1 };
    expect(parameters(standard) - standard.filters).toBe(3 * (parameters(depthwise) - depthwise.filters));
    expect(multiplyAdds(standard)).toBe(3 * multiplyAdds(depthwise));
  });

  it('refuses groups that do not divide both channel counts, and a kernel wider than the padded input', () => {
    expect(invalidReason({ ...BASE, channels: 3, groups: 2, filters: 2 })).toBe('groups');
    expect(invalidReason({ ...BASE, channels: 4, groups: 2, filters: 3 })).toBe('groups');
    expect(invalidReason({ ...BASE, size: 3, kernel: 5 })).toBe('tooBig');
    expect(invalidReason({ ...BASE, size: 3, kernel: 5, padding: 1 })).toBeNull();
  });

  it('traces an output cell to its input cells: strided, padded and dilated', () => {
    const s = { ...BASE, stride: 2, padding: 1, dilation: 2 };
    const cells = taps(s, 1, 2, 0).map((t) => [t.y, t.x]);
    // Top-left tap at (1·2 − 1, 2·2 − 1) = (1, 3), then every second cell.
    expect(cells).toEqual([
      [1, 3],
      [1, 5],
      [1, 7],
      [3, 3],
      [3, 5],
      [3, 7],
      [5, 3],
      [5, 5],
      [5, 7],
    ]);
  });

  for (const [name, spec] of [
    ['standard', { size: 6, channels: 2, kernel: 3, stride: 1, padding: 1, dilation: 1, groups: 1, filters: 3 }],
    [
      'strided and padded',
      { size: 7, channels: 3, kernel: 3, stride: 2, padding: 2, dilation: 1, groups: 1, filters: 2 },
    ],
    ['dilated', { size: 9, channels: 1, kernel: 3, stride: 1, padding: 0, dilation: 3, groups: 1, filters: 2 }],
    ['grouped', { size: 6, channels: 4, kernel: 2, stride: 1, padding: 0, dilation: 1, groups: 2, filters: 4 }],
    [
      'depthwise, multiplier 2',
      { size: 5, channels: 2, kernel: 3, stride: 1, padding: 1, dilation: 1, groups: 2, filters: 4 },
    ],
  ] as const)
    it(`computes what tfjs computes: ${name}`, () => {
      const s: ConvSpec = spec;
      const input = Array.from({ length: s.channels }, (_, c) =>
        Float32Array.from({ length: s.size ** 2 }, (_, i) => Math.floor(seeded(100 * c + i) * 10)),
      );
      const weights = Float32Array.from(
        { length: s.filters * (s.channels / s.groups) * s.kernel ** 2 },
        (_, i) => Math.floor(seeded(7919 + i) * 5) - 2,
      );
      const ours = convolve(s, input, weights);
      const theirs = reference(s, input, weights);
      expect(ours.map((c) => Array.from(c))).toEqual(theirs.map((c) => Array.from(c)));
    });

  it('writes the tfjs layers: padding as zeroPadding2d, depthwise as depthwiseConv2d, groups said to be missing', () => {
    expect(tfjsLayers({ ...BASE, filters: 8, padding: 1, stride: 2 }).code).toBe(
      'tf.layers.zeroPadding2d({ padding: 1 }),\ntf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2 }),',
    );
    expect(tfjsLayers({ ...BASE, channels: 4, groups: 4, filters: 8 }).code).toBe(
      'tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2 }),',
    );
    expect(tfjsLayers({ ...BASE, channels: 4, groups: 2, filters: 4 }).note).toBe('grouped');
    expect(tfjsLayers({ ...BASE, stride: 2, dilation: 2 }).note).toBe('dilatedStride');
  });

  it('makes the preset kernels: a vertical edge, a blur that sums to 1, a centred identity', () => {
    expect(Array.from(presetKernel('edgeVertical', 3))).toEqual([1, 0, -1, 1, 0, -1, 1, 0, -1]);
    expect(presetKernel('blur', 5).reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    expect(Array.from(presetKernel('identity', 3))).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(Array.from(presetKernel('random', 3))).toEqual(Array.from(presetKernel('random', 3)));
  });
});
