/**
 * Gradient kernels that tfjs-backend-wasm 4.22 lacks (Conv2DBackpropFilter and the depthwise backprops), so
 * `model.fit` of a CNN works on WASM. Each is composed from kernels the WASM backend does have:
 *
 * - the filter gradient of a convolution is itself a convolution: the input, transposed so that channels
 *   act as the batch, correlated with the output gradient used as a filter dilated by the stride;
 * - the depthwise filter gradient is the same idea with batch and channels folded into depthwise channels;
 * - a depthwise input gradient is a depthwise convolution of the stride-dilated output gradient with the
 *   spatially flipped filter.
 *
 * The ordinary convolution's input gradient, which WASM has but slowly, is in fast-kernels.ts.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { kernelRunner, type Attrs } from './kernel-runner.ts';

function pair(value: unknown): [number, number] {
  return typeof value === 'number' ? [value, value] : (value as [number, number]);
}

/** Geometry of a depthwise convolution's gradient, for the cases these kernels cover (dilation 1, multiplier 1). */
function depthwiseInfo(kernel: string, inputShape: number[], filterShape: number[], attrs: Attrs) {
  const { strides, dilations, pad, dimRoundingMode } = attrs;
  const [dh, dw] = pair(dilations ?? 1);
  if (dh !== 1 || dw !== 1) throw new Error(`${kernel} on WASM supports dilation 1 only, got [${dh}, ${dw}]`);
  const [kh, kw, channels, multiplier] = filterShape as [number, number, number, number];
  if (multiplier !== 1) throw new Error(`${kernel} on WASM supports channel multiplier 1 only, got ${multiplier}`);
  const info = tf.backend_util.computeConv2DInfo(
    inputShape as never,
    filterShape as never,
    strides as never,
    1,
    pad as never,
    dimRoundingMode as never,
    true,
  );
  return { kh, kw, channels, info };
}

/** Zero-pads an NHWC tensor's height and width by a convolution's padding, so that the rest can run 'valid'. */
function padSpatially(
  run: ReturnType<typeof kernelRunner>['run'],
  x: TensorInfo,
  { top, bottom, left, right }: { top: number; bottom: number; left: number; right: number },
): TensorInfo {
  const paddings = [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
  return run('PadV2', { x }, { paddings, constantValue: 0 });
}
const conv2DBackpropFilter: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as Attrs & {
      filterShape: [number, number, number, number];
    };
    if (dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on WASM supports NHWC only');
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as never,
      filterShape,
      strides as never,
      1,
      pad as never,
      dimRoundingMode as never,
    );
    const { run, keep } = kernelRunner(backend);
    const padded = padSpatially(run, x, info.padInfo);
    const xT = run('Transpose', { x: padded }, { perm: [3, 1, 2, 0] }); // [inC, H, W, batch]
    const dyT = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }); // [outH, outW, batch, outC] as a filter
    const conv = run(
      'Conv2D',
      { x: xT, filter: dyT },
      { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [info.strideHeight, info.strideWidth] },
    );
    const [kh, kw, inC, outC] = filterShape;
    const cropped = run('Slice', { x: conv }, { begin: [0, 0, 0, 0], size: [inC, kh, kw, outC] });
    return keep(run('Transpose', { x: cropped }, { perm: [1, 2, 0, 3] }));
  },
};

const depthwiseBackpropFilter: KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropFilter',
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const { filterShape } = attrs as Attrs & { filterShape: [number, number, number, number] };
    const { kh, kw, channels, info } = depthwiseInfo(
      'DepthwiseConv2dNativeBackpropFilter',
      x.shape,
      filterShape,
      attrs as Attrs,
    );
    const [batch] = x.shape;
    const [, outH, outW] = dy.shape;
    const { run, keep } = kernelRunner(backend);
    const padded = padSpatially(run, x, info.padInfo);
    const [, hp, wp] = padded.shape;
    // Fold batch into channels: one depthwise channel per (example, channel) pair, then sum over examples.
    const xFolded = run(
      'Reshape',
      { x: run('Transpose', { x: padded }, { perm: [1, 2, 0, 3] }) },
      { shape: [1, hp!, wp!, batch! * channels] },
    );
    const dyFolded = run(
      'Reshape',
      { x: run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }) },
      { shape: [outH!, outW!, batch! * channels, 1] },
    );
    const conv = run(
      'DepthwiseConv2dNative',
      { x: xFolded, filter: dyFolded },
      { strides: [1, 1], pad: 'valid', dilations: [info.strideHeight, info.strideWidth] },
    );
    const cropped = run('Slice', { x: conv }, { begin: [0, 0, 0, 0], size: [1, kh, kw, batch! * channels] });
    const perExample = run('Reshape', { x: cropped }, { shape: [kh, kw, batch!, channels] });
    const summed = run('Sum', { x: perExample }, { axis: [2], keepDims: false });
    return keep(run('Reshape', { x: summed }, { shape: filterShape }));
  },
};

/**
 * The output gradient spread by the stride (stride - 1 zeros between pixels) and framed with zeros, so that a
 * stride-1 'valid' correlation with the spatially flipped filter yields the input gradient.
 */
function spreadAndFrame(
  run: ReturnType<typeof kernelRunner>['run'],
  dy: TensorInfo,
  info: { strideHeight: number; strideWidth: number; padInfo: { top: number; left: number } },
  [kh, kw]: [number, number],
  [height, width]: [number, number],
): TensorInfo {
  const [batch, outH, outW, channels] = dy.shape as [number, number, number, number];
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const spread = run(
    'PadV2',
    { x: run('Reshape', { x: dy }, { shape: [batch, outH, 1, outW, 1, channels] }) },
    {
      paddings: [
        [0, 0],
        [0, 0],
        [0, sh - 1],
        [0, 0],
        [0, sw - 1],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
  const dilated = run(
    'Slice',
    { x: run('Reshape', { x: spread }, { shape: [batch, outH * sh, outW * sw, channels] }) },
    {
      begin: [0, 0, 0, 0],
      size: [batch, (outH - 1) * sh + 1, (outW - 1) * sw + 1, channels],
    },
  );
  // Aligned so that output row p sees input row p; the far side is padded just enough to cover the input.
  const [padTop, padLeft] = [kh - 1 - info.padInfo.top, kw - 1 - info.padInfo.left];
  const padBottom = Math.max(0, height + kh - 1 - dilated.shape[1]! - padTop);
  const padRight = Math.max(0, width + kw - 1 - dilated.shape[2]! - padLeft);
  return run(
    'PadV2',
    { x: dilated },
    {
      paddings: [
        [0, 0],
        [padTop, padBottom],
        [padLeft, padRight],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
}

const depthwiseBackpropInput: KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropInput',
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const { inputShape } = attrs as Attrs & { inputShape: [number, number, number, number] };
    const { kh, kw, channels, info } = depthwiseInfo(
      'DepthwiseConv2dNativeBackpropInput',
      inputShape,
      filter.shape,
      attrs as Attrs,
    );
    const [batch, height, width] = inputShape;
    const { run, keep } = kernelRunner(backend);
    const framed = spreadAndFrame(run, dy, info, [kh, kw], [height, width]);
    const flipped = run('Reverse', { x: filter }, { dims: [0, 1] });
    const conv = run(
      'DepthwiseConv2dNative',
      { x: framed, filter: flipped },
      { strides: [1, 1], pad: 'valid', dilations: [1, 1] },
    );
    return keep(run('Slice', { x: conv }, { begin: [0, 0, 0, 0], size: [batch, height, width, channels] }));
  },
};

export const WASM_GRAD_KERNELS = [conv2DBackpropFilter, depthwiseBackpropFilter, depthwiseBackpropInput];
