/**
 * Faster versions of tfjs-backend-wasm 4.22 kernels that dominate a small CNN's training step once the
 * convolution gradients are fast (see grad-kernels.ts). Measured in Node on a LeNet-style step at batch 32:
 *
 * - Slice copies its whole input out of WASM memory before taking the slice, so taking one batch of 32 digits
 *   from 1,600 cost 15 ms, more than the training step itself; `fit` and `predict` slice batches all the time.
 *   Copying only the slice's own bytes takes microseconds.
 * - MaxPoolGrad: WASM's own loop re-derives the window maximum for every input pixel (2.7 ms for one 24×24×6
 *   layer). Scattering the output gradient to each window's first maximum, the rule tfjs's cpu backend uses,
 *   is one pass over the windows.
 * - BatchMatMul with a transposed operand leaves XNNPACK for a plain loop (about 10× slower); dense-layer
 *   gradients always transpose. Transposing explicitly and multiplying untransposed is cheaper.
 * - Conv2DBackpropInput: WASM's own is a plain loop; see below.
 *
 * The loops run in plain JavaScript directly on the WASM heap; anything these do not handle defers to the
 * backend's own kernel, captured when these are registered.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { kernelRunner, type Attrs, type KernelArgs, type WasmBackend } from './kernel-runner.ts';

/** A kernel that replaces `kernelName` on WASM and may hand any call back to the kernel it replaced. */
export interface WasmKernelOverride {
  kernelName: string;
  make(original: KernelFunc): KernelFunc;
}

/** The window of every output pixel, scanned row-major: the first maximum gets the gradient, as on the cpu backend. */
const maxPoolGrad: WasmKernelOverride = {
  kernelName: 'MaxPoolGrad',
  make:
    () =>
    ({ inputs, backend, attrs }: KernelArgs) => {
      const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
      const { filterSize, strides, pad, dimRoundingMode } = attrs as Attrs;
      const info = tf.backend_util.computePool2DInfo(
        input.shape as never,
        filterSize as never,
        strides as never,
        1,
        pad as never,
        dimRoundingMode as never,
      );
      const wasm = backend as unknown as WasmBackend;
      const out = wasm.makeOutput(input.shape, 'float32');
      // Views are taken after every allocation: an allocation may grow (and so detach) the WASM memory.
      const [x, g, dx] = [wasm.typedArrayFromHeap(input), wasm.typedArrayFromHeap(dy), wasm.typedArrayFromHeap(out)];
      dx.fill(0);
      const {
        batchSize,
        inHeight,
        inWidth,
        inChannels: channels,
        outHeight,
        outWidth,
        strideHeight,
        strideWidth,
      } = info;
      const { effectiveFilterHeight: fh, effectiveFilterWidth: fw, dilationHeight: dh, dilationWidth: dw } = info;
      const { top, left } = info.padInfo;
      const rowStride = inWidth * channels;
      // Channels innermost, so every pass reads contiguous memory; `best` and `at` hold one window per channel.
      const best = new Float32Array(channels);
      const at = new Int32Array(channels);
      let o = 0;
      for (let b = 0; b < batchSize; b++) {
        const base = b * inHeight * rowStride;
        for (let oy = 0; oy < outHeight; oy++) {
          const y0 = oy * strideHeight - top;
          // The window's first and last taps inside the input (padding is never the maximum).
          const yFrom = y0 < 0 ? Math.ceil(-y0 / dh) * dh + y0 : y0;
          const yTo = Math.min(inHeight - 1, y0 + fh - 1);
          for (let ox = 0; ox < outWidth; ox++, o += channels) {
            const x0 = ox * strideWidth - left;
            const xFrom = x0 < 0 ? Math.ceil(-x0 / dw) * dw + x0 : x0;
            const xTo = Math.min(inWidth - 1, x0 + fw - 1);
            for (let c = 0; c < channels; c++) [best[c], at[c]] = [-Infinity, -1];
            for (let y = yFrom; y <= yTo; y += dh) {
              for (let xx = xFrom; xx <= xTo; xx += dw) {
                const pixel = base + y * rowStride + xx * channels;
                for (let c = 0; c < channels; c++) {
                  const v = x[pixel + c]!;
                  if (v > best[c]!) {
                    best[c] = v;
                    at[c] = pixel + c;
                  }
                }
              }
            }
            for (let c = 0; c < channels; c++) if (at[c]! >= 0) dx[at[c]!]! += g[o + c]!;
          }
        }
      }
      return out;
    },
};

const batchMatMul: WasmKernelOverride = {
  kernelName: 'BatchMatMul',
  make:
    (original) =>
    ({ inputs, backend, attrs }: KernelArgs) => {
      const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return original({ inputs, backend, attrs });
      const { run, keep } = kernelRunner(backend);
      const swapLast = (t: TensorInfo) => {
        const perm = t.shape.map((_, i) => i);
        [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1]!, perm[perm.length - 2]!];
        return run('Transpose', { x: t }, { perm });
      };
      const operands = { a: transposeA ? swapLast(a) : a, b: transposeB ? swapLast(b) : b };
      return keep(
        original({
          inputs: operands,
          backend,
          attrs: { ...(attrs as Attrs), transposeA: false, transposeB: false } as never,
        }) as TensorInfo,
      );
    },
};

/**
 * Copies only the sliced elements, in runs as long as the slice allows: the trailing axes that are taken
 * whole form one contiguous run, together with the range taken on the axis before them.
 */
const slice: WasmKernelOverride = {
  kernelName: 'Slice',
  make: (original) => (args: KernelArgs) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') return original(args);
    const { begin, size } = args.attrs as { begin: number | number[]; size: number | number[] };
    const [start, extent] = tf.slice_util.parseSliceParams(x as never, begin, size);
    const wasm = args.backend as unknown as WasmBackend;
    const out = wasm.makeOutput(extent, x.dtype);
    const [from, to] = [wasm.typedArrayFromHeap(x), wasm.typedArrayFromHeap(out)];
    if (to.length === 0) return out;
    const shape = x.shape;
    const strides = tf.util.computeStrides(shape);
    let axis = shape.length - 1; // the outermost axis of the contiguous run
    while (axis > 0 && extent[axis] === shape[axis]) axis--;
    const run = (axis === shape.length - 1 ? 1 : strides[axis]!) * extent[axis]!;
    const outer = extent.slice(0, axis);
    const index = outer.map(() => 0);
    for (let written = 0; written < to.length; written += run) {
      let offset = start[axis]! * (axis === shape.length - 1 ? 1 : strides[axis]!);
      for (let d = 0; d < axis; d++) offset += (start[d]! + index[d]!) * strides[d]!;
      to.set(from.subarray(offset, offset + run), written);
      for (let d = axis - 1; d >= 0 && ++index[d]! === outer[d]; d--) index[d] = 0; // next outer position
    }
    return out;
  },
};

/**
 * The input gradient of a convolution as one matrix product and a scatter: dy [pixels, outC] times the filter
 * transposed [outC, kh·kw·inC] gives each output pixel's contribution to every input pixel under its window,
 * which is then added into place. WASM's own kernel is a plain loop (it took most of a training step), and a
 * correlation of the zero-framed dy with the flipped filter spends more than half its work on the frame.
 */
const conv2DBackpropInput: WasmKernelOverride = {
  kernelName: 'Conv2DBackpropInput',
  make: (original) => (args: KernelArgs) => {
    const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs as Attrs & {
      inputShape: [number, number, number, number];
    };
    if (dataFormat === 'NCHW') return original(args);
    const [kh, kw, inC, outC] = filter.shape as [number, number, number, number];
    const info = tf.backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as never,
      strides as never,
      1,
      pad as never,
      dimRoundingMode as never,
    );
    const [batch, height, width] = inputShape;
    const [, outH, outW] = dy.shape as [number, number, number, number];
    const { run, keep, wasm } = kernelRunner(args.backend);
    const rows = run('Reshape', { x: dy }, { shape: [1, batch * outH * outW, outC] });
    const taps = run('Reshape', { x: filter }, { shape: [1, kh * kw * inC, outC] });
    const patches = run('BatchMatMul', { a: rows, b: taps }, { transposeA: false, transposeB: true });
    const out = wasm.makeOutput(inputShape, 'float32');
    const [from, dx] = [wasm.typedArrayFromHeap(patches), wasm.typedArrayFromHeap(out)];
    dx.fill(0);
    const { top, left } = info.padInfo;
    const patch = kw * inC;
    let r = 0;
    for (let b = 0; b < batch; b++) {
      for (let y = 0; y < outH; y++) {
        for (let x = 0; x < outW; x++) {
          // One filter row covers kw neighbouring input pixels: a contiguous run of kw·inC values on both sides.
          const x0 = x * info.strideWidth - left;
          const [first, last] = [Math.max(0, -x0), Math.min(kw, width - x0)];
          for (let ky = 0; ky < kh; ky++, r += patch) {
            const iy = y * info.strideHeight - top + ky;
            if (iy < 0 || iy >= height || first >= last) continue;
            const to = ((b * height + iy) * width + x0 + first) * inC;
            const at = r + first * inC;
            for (let k = 0, n = (last - first) * inC; k < n; k++) dx[to + k]! += from[at + k]!;
          }
        }
      }
    }
    return keep(out);
  },
};

export const WASM_FAST_KERNELS: WasmKernelOverride[] = [maxPoolGrad, batchMatMul, slice, conv2DBackpropInput];
