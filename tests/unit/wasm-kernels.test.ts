import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  isProjectWasmKernel,
  registerWasmKernels,
  WASM_BATCH_NORM_KERNELS,
  WASM_FAST_KERNELS,
  WASM_GRAD_KERNELS,
} from '~/runtime/wasm';

type Pad = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
interface Case {
  name: string;
  x: [number, number, number, number];
  k: number;
  outC: number;
  stride: number;
  pad: Pad;
}

// valid, same, strided and explicit padding, with odd sizes so that cropping and padding rules are exercised.
const CASES: Case[] = [
  { name: 'valid, stride 1', x: [2, 7, 6, 3], k: 3, outC: 4, stride: 1, pad: 'valid' },
  { name: 'same, stride 1', x: [2, 6, 7, 2], k: 5, outC: 3, stride: 1, pad: 'same' },
  { name: 'same, stride 2', x: [3, 9, 8, 2], k: 3, outC: 5, stride: 2, pad: 'same' },
  { name: 'valid, stride 2', x: [2, 11, 10, 3], k: 3, outC: 2, stride: 2, pad: 'valid' },
  {
    name: 'explicit padding, stride 2',
    x: [2, 8, 9, 2],
    k: 3,
    outC: 3,
    stride: 2,
    pad: [
      [0, 0],
      [1, 2],
      [2, 0],
      [0, 0],
    ],
  },
  { name: 'numeric padding 1, stride 3', x: [1, 10, 10, 2], k: 4, outC: 2, stride: 3, pad: 1 },
];

/** Gradients of a conv and a depthwise conv with respect to input and filter, on one backend. */
async function gradients(backend: string, c: Case) {
  await tf.setBackend(backend);
  const seed = (shape: number[], s: number) => tf.randomUniform(shape, -1, 1, 'float32', s);
  return tf.tidy(() => {
    const x = seed(c.x, 1);
    const f = seed([c.k, c.k, c.x[3], c.outC], 2);
    const fd = seed([c.k, c.k, c.x[3], 1], 3);
    const [dxConv, dfConv] = tf.grads((xi: tf.Tensor, fi: tf.Tensor) =>
      tf
        .conv2d(xi as tf.Tensor4D, fi as tf.Tensor4D, c.stride, c.pad)
        .square()
        .sum(),
    )([x, f]);
    const depthwisePad = Array.isArray(c.pad) ? 'same' : c.pad; // depthwiseConv2d takes no explicit pairs
    const [dxDw, dfDw] = tf.grads((xi: tf.Tensor, fi: tf.Tensor) =>
      tf
        .depthwiseConv2d(xi as tf.Tensor4D, fi as tf.Tensor4D, c.stride, depthwisePad)
        .square()
        .sum(),
    )([x, fd]);
    return {
      dfConv: dfConv!.arraySync(),
      dxConv: dxConv!.arraySync(),
      dfDw: dfDw!.arraySync(),
      dxDw: dxDw!.arraySync(),
    };
  });
}

function maxDifference(a: unknown, b: unknown): number {
  const fa = (a as number[]).flat(4) as number[];
  const fb = (b as number[]).flat(4) as number[];
  expect(fa.length).toBe(fb.length);
  return Math.max(...fa.map((v, i) => Math.abs(v - fb[i]!) / Math.max(1, Math.abs(fb[i]!))));
}

beforeAll(async () => {
  const dir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  setWasmPaths(join(dir, 'dist') + '/');
  await tf.setBackend('wasm');
  for (const { kernelName } of WASM_BATCH_NORM_KERNELS)
    wasmOwn.set(kernelName, tf.getKernel(kernelName, 'wasm')!.kernelFunc);
  registerWasmKernels();
});

/** tfjs-backend-wasm's own kernels that the batch-norm ones replace, captured before they are replaced. */
const wasmOwn = new Map<string, tf.KernelFunc>();

/** The values a WASM kernel gives for `x`, the project's (as registered) or WASM's own. */
function wasmKernel(kernelName: string, own: boolean, x: tf.Tensor, attrs: object): number[] {
  const backend = tf.backend();
  const func = own ? wasmOwn.get(kernelName)! : tf.getKernel(kernelName, 'wasm')!.kernelFunc;
  const out = func({ inputs: { x }, attrs: attrs as never, backend }) as tf.TensorInfo;
  const values = Array.from(backend.readSync(out.dataId) as Float32Array);
  backend.disposeData(out.dataId);
  return values;
}

describe('WASM gradient kernels', () => {
  it('fill the gaps in tfjs-backend-wasm and replace its slow kernels, once', () => {
    for (const config of WASM_GRAD_KERNELS)
      expect(tf.getKernel(config.kernelName, 'wasm')?.kernelFunc, config.kernelName).toBe(config.kernelFunc);
    const replaced = [...WASM_FAST_KERNELS, ...WASM_BATCH_NORM_KERNELS];
    const fast = replaced.map((k) => tf.getKernel(k.kernelName, 'wasm')?.kernelFunc);
    for (const { kernelName } of replaced) expect(isProjectWasmKernel(kernelName), kernelName).toBe(true);
    registerWasmKernels(); // a second call must not wrap the replacements again
    expect(replaced.map((k) => tf.getKernel(k.kernelName, 'wasm')?.kernelFunc)).toEqual(fast);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('match the cpu backend: %s', async (_name, c) => {
    const cpu = await gradients('cpu', c);
    const wasm = await gradients('wasm', c);
    expect(maxDifference(wasm.dfConv, cpu.dfConv)).toBeLessThan(1e-4);
    expect(maxDifference(wasm.dxConv, cpu.dxConv)).toBeLessThan(1e-4);
    expect(maxDifference(wasm.dfDw, cpu.dfDw)).toBeLessThan(1e-4);
    expect(maxDifference(wasm.dxDw, cpu.dxDw)).toBeLessThan(1e-4);
  });

  // Overlapping windows, padding, odd sizes, and ties (values rounded to halves): the first maximum of a window
  // in row-major order takes the gradient, as on the cpu backend.
  it.each([
    ['2×2, stride 2, valid', [2, 8, 8, 3], 2, 2, 'valid'],
    ['3×3, stride 2, same, odd size', [2, 9, 7, 2], 3, 2, 'same'],
    ['3×3, stride 1, valid, overlapping', [1, 6, 6, 4], 3, 1, 'valid'],
    ['2×2, stride 2, valid, odd size drops the edge', [2, 7, 9, 1], 2, 2, 'valid'],
  ] as const)('max-pool gradient matches the cpu backend: %s', async (_name, shape, size, stride, pad) => {
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const x = tf
          .randomUniform([...shape], -1, 1, 'float32', 4)
          .mul(2)
          .round()
          .div(2);
        const w = tf.randomUniform([1, 1, 1, shape[3]], 0.5, 1.5, 'float32', 5); // distinct weight per channel
        return tf
          .grad((xi: tf.Tensor) =>
            tf
              .maxPool(xi as tf.Tensor4D, size, stride, pad)
              .mul(w)
              .square()
              .sum(),
          )(x)
          .arraySync();
      });
    };
    const cpu = await run('cpu');
    expect(maxDifference(await run('wasm'), cpu)).toBeLessThan(1e-5);
  });

  it.each([
    ['2-D', [5, 7], [7, 3]],
    ['batched 3-D', [2, 4, 6], [2, 6, 3]],
    ['broadcast batch', [3, 4, 6], [1, 6, 2]],
  ] as const)('matMul gradients (transposed products) match the cpu backend: %s', async (_name, aShape, bShape) => {
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const a = tf.randomUniform([...aShape], -1, 1, 'float32', 6);
        const b = tf.randomUniform([...bShape], -1, 1, 'float32', 7);
        const swap = (t: tf.Tensor) => t.transpose(t.rank === 2 ? [1, 0] : [0, 2, 1]);
        // Every transpose combination, forward; tfjs's own matMul gradient cannot broadcast batches, so only
        // equal batches are differentiated.
        const products = [
          tf.matMul(swap(a), b, true),
          tf.matMul(a, swap(b), false, true),
          tf.matMul(swap(a), swap(b), true, true),
        ];
        const grads =
          aShape.length === bShape.length && aShape[0] === bShape[0]
            ? tf.grads((ai: tf.Tensor, bi: tf.Tensor) => tf.matMul(ai, bi).square().sum())([a, b])
            : [];
        return [...products, ...grads].map((t) => t.arraySync());
      });
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    for (let i = 0; i < cpu.length; i++) expect(maxDifference(wasm[i], cpu[i])).toBeLessThan(1e-5);
  });

  it.each([
    ['a batch of rows', [10, 4, 4, 2], [3, 0, 0, 0], [4, 4, 4, 2], 'float32'],
    ['an inner window', [3, 5, 6, 2], [1, 1, 2, 0], [2, 3, 3, 2], 'float32'],
    ['one channel', [2, 3, 4, 5], [0, 0, 0, 3], [2, 3, 4, 1], 'int32'],
    ['a vector', [9], [2], [5], 'bool'],
    ['everything with -1 sizes', [4, 3], [1, 0], [-1, -1], 'int32'],
    ['nothing', [4, 3], [1, 0], [0, 3], 'float32'],
  ] as const)('slice matches the cpu backend: %s', async (_name, shape, begin, size, dtype) => {
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const x = tf
          .range(
            0,
            shape.reduce((a, b) => a * b, 1),
          )
          .reshape([...shape]);
        const typed = dtype === 'bool' ? x.mod(3).equal(0) : x.cast(dtype);
        return tf.slice(typed, [...begin], [...size]).arraySync();
      });
    };
    expect(await run('wasm')).toEqual(await run('cpu'));
  });

  // Bit for bit, so that switching these on cannot move a trained figure: a batch norm's moments and gradients
  // reduce over batch, height and width; tiles of one value per channel; the cases they hand back.
  it.each([
    ['Sum', [6, 5, 7, 16], { axis: [0, 1, 2], keepDims: false }],
    ['Sum', [6, 5, 7, 16], { axis: [2, 0, 1], keepDims: true }],
    ['Sum', [300, 3], { axis: 0, keepDims: false }],
    ['Sum', [4, 5, 3], { axis: [1], keepDims: false }],
    ['Sum', [4, 5], { axis: [0, 1], keepDims: false }],
    ['Mean', [8, 9, 9, 32], { axis: [0, 1, 2], keepDims: true }],
    ['Mean', [7, 10], { axis: [0], keepDims: false }],
    ['Tile', [1, 1, 1, 16], { reps: [8, 5, 7, 1] }],
    ['Tile', [2, 3, 1], { reps: [3, 1, 4] }],
    ['Tile', [3], { reps: [5] }],
    ['Tile', [2, 0, 2], { reps: [2, 2, 2] }],
  ] as const)("%s of %j %j gives exactly what WASM's own kernel gives", async (kernelName, shape, attrs) => {
    await tf.setBackend('wasm');
    const x = tf.randomNormal([...shape], 0, 3, 'float32', 8);
    const ours = wasmKernel(kernelName, false, x, attrs);
    expect(ours.length).toBeGreaterThanOrEqual(
      kernelName === 'Tile' && (shape as readonly number[]).includes(0) ? 0 : 1,
    );
    expect(ours).toEqual(wasmKernel(kernelName, true, x, attrs));
    x.dispose();
  });

  it('tiles integers and booleans as the cpu backend does', async () => {
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const x = tf.range(0, 6, 1, 'int32').reshape([2, 3]);
        return [tf.tile(x, [2, 3]).arraySync(), tf.tile(x.mod(2).equal(0), [3, 1]).arraySync()];
      });
    };
    expect(await run('wasm')).toEqual(await run('cpu'));
  });

  it('free every intermediate', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const dataBefore = backend.numDataIds();
    tf.tidy(() => {
      tf.grad((f: tf.Tensor) => tf.conv2d(tf.ones([2, 8, 8, 3]) as tf.Tensor4D, f as tf.Tensor4D, 2, 'same').sum())(
        tf.ones([3, 3, 3, 4]),
      );
      tf.grads((x: tf.Tensor, f: tf.Tensor) => tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, 2, 'same').sum())(
        [tf.ones([2, 8, 8, 3]), tf.ones([3, 3, 3, 1])],
      );
      tf.grad((x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid').sum())(tf.ones([2, 8, 8, 3]));
      tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.matMul(a, b, true, true).sum())([tf.ones([4, 3]), tf.ones([5, 4])]);
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(backend.numDataIds()).toBe(dataBefore);
  });
});
