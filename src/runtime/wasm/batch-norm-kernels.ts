/**
 * Faster versions of the tfjs-backend-wasm 4.22 kernels that training a batch-normalised network spends its
 * time in, outside the convolutions. Profiled with tf.profile over a ResNet-20 step (28×28×1, batch 32) in Node:
 * Tile took 27% of the step and Sum and Mean another 9%, more than the forward convolutions.
 *
 * - Tile: the batch-norm gradient tiles each channel's 1/σ to the activation's whole shape. WASM's loop derives
 *   every output element's source index by division (14 ms for one 32×28×28×16 tile). Building the first copy
 *   along each axis and then copying whole blocks is a handful of memcpy-sized copies.
 * - Sum and Mean over the leading axes (batch, height, width: a batch norm's moments and its gradients): WASM
 *   transposes the input so that the reduced axes come last, then sums each row. Summing in place, channels
 *   innermost, reads memory once and in order.
 *
 * Both give the very same floats as WASM's own kernels: each channel is summed in float32, in the same order
 * (tests/unit/wasm-kernels.test.ts compares them bit for bit), so switching them on moves no trained figure.
 */
import * as tf from '@tensorflow/tfjs';
import type { TensorInfo } from '@tensorflow/tfjs';
import type { KernelArgs, WasmBackend } from './kernel-runner.ts';
import type { WasmKernelOverride } from './fast-kernels.ts';

const tile: WasmKernelOverride = {
  kernelName: 'Tile',
  make: (original) => (args: KernelArgs) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') return original(args);
    const { reps } = args.attrs as unknown as { reps: number[] };
    const shape = x.shape;
    const outShape = shape.map((n, i) => n * reps[i]!);
    const wasm = args.backend as unknown as WasmBackend;
    const out = wasm.makeOutput(outShape, x.dtype);
    const [from, to] = [wasm.typedArrayFromHeap(x), wasm.typedArrayFromHeap(out)];
    if (to.length === 0) return out;
    const inStrides = [...tf.util.computeStrides(shape), 1];
    const outStrides = [...tf.util.computeStrides(outShape), 1];
    const rank = shape.length;
    // Fills the output block that starts at `at` for the input block at `src` along `axis`: the first copy one
    // sub-block at a time, then the other reps[axis] - 1 copies as copies of that first one.
    const fill = (axis: number, src: number, at: number): void => {
      if (axis === rank) {
        to[at] = from[src]!;
        return;
      }
      const n = shape[axis]!;
      if (axis === rank - 1) to.set(from.subarray(src, src + n), at);
      else for (let i = 0; i < n; i++) fill(axis + 1, src + i * inStrides[axis]!, at + i * outStrides[axis]!);
      const block = n * outStrides[axis]!;
      for (let r = 1; r < reps[axis]!; r++) to.copyWithin(at + r * block, at, at + block);
    };
    fill(0, 0, 0);
    return out;
  },
};

/**
 * Sums (or averages) float32 `x` over its first `lead` axes, channels innermost. Each output element is summed
 * in float32, first input row to last: the order WASM's own kernels use after their transpose.
 */
function reduceLeading(args: KernelArgs, lead: number, mean: boolean): TensorInfo {
  const { x } = args.inputs as { x: TensorInfo };
  const { keepDims } = args.attrs as { keepDims: boolean };
  const inner = x.shape.slice(lead).reduce((a, b) => a * b, 1);
  const rows = x.shape.slice(0, lead).reduce((a, b) => a * b, 1);
  const outShape = keepDims ? x.shape.map((n, i) => (i < lead ? 1 : n)) : x.shape.slice(lead);
  const wasm = args.backend as unknown as WasmBackend;
  const out = wasm.makeOutput(outShape, 'float32');
  const [from, acc] = [wasm.typedArrayFromHeap(x), wasm.typedArrayFromHeap(out)];
  acc.fill(0);
  // A Float32Array rounds every stored sum to float32, as WASM's float accumulator does.
  for (let r = 0, at = 0; r < rows; r++, at += inner) for (let j = 0; j < inner; j++) acc[j]! += from[at + j]!;
  if (mean) for (let j = 0; j < inner; j++) acc[j] = acc[j]! / rows;
  return out;
}

/**
 * The number of leading axes `axis` names, when it names exactly the first few (and not all) of x's axes, in
 * order: WASM sums over the axes in the order given, so [2, 0, 1] is another order and goes to WASM's kernel.
 */
function leadingAxes(x: TensorInfo, axis: number | number[]): number | null {
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const leading = axes.every((a, i) => a === i);
  return leading && axes.length > 0 && axes.length < x.shape.length ? axes.length : null;
}

const reduction = (kernelName: 'Sum' | 'Mean'): WasmKernelOverride => ({
  kernelName,
  make: (original) => (args: KernelArgs) => {
    const { x } = args.inputs as { x: TensorInfo };
    const lead = x.dtype === 'float32' ? leadingAxes(x, (args.attrs as { axis: number | number[] }).axis) : null;
    return lead === null ? original(args) : reduceLeading(args, lead, kernelName === 'Mean');
  },
});

export const WASM_BATCH_NORM_KERNELS: WasmKernelOverride[] = [tile, reduction('Sum'), reduction('Mean')];
