import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmGradKernels, WASM_GRAD_KERNELS } from '~/runtime/wasm-grad-kernels';

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
  { name: 'explicit padding, stride 2', x: [2, 8, 9, 2], k: 3, outC: 3, stride: 2, pad: [[0, 0], [1, 2], [2, 0], [0, 0]] },
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
    const [dxConv, dfConv] = tf.grads((xi: tf.Tensor, fi: tf.Tensor) => tf.conv2d(xi as tf.Tensor4D, fi as tf.Tensor4D, c.stride, c.pad).square().sum())([x, f]);
    const depthwisePad = Array.isArray(c.pad) ? 'same' : c.pad; // depthwiseConv2d takes no explicit pairs
    const [dxDw, dfDw] = tf.grads((xi: tf.Tensor, fi: tf.Tensor) => tf.depthwiseConv2d(xi as tf.Tensor4D, fi as tf.Tensor4D, c.stride, depthwisePad).square().sum())([x, fd]);
    return { dfConv: dfConv!.arraySync(), dxConv: dxConv!.arraySync(), dfDw: dfDw!.arraySync(), dxDw: dxDw!.arraySync() };
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
  registerWasmGradKernels();
});

describe('WASM gradient kernels', () => {
  it('fill the gaps in tfjs-backend-wasm and replace its slow Conv2DBackpropInput', () => {
    for (const config of WASM_GRAD_KERNELS) expect(tf.getKernel(config.kernelName, 'wasm')?.kernelFunc, config.kernelName).toBe(config.kernelFunc);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('match the cpu backend: %s', async (_name, c) => {
    const cpu = await gradients('cpu', c);
    const wasm = await gradients('wasm', c);
    expect(maxDifference(wasm.dfConv, cpu.dfConv)).toBeLessThan(1e-4);
    expect(maxDifference(wasm.dxConv, cpu.dxConv)).toBeLessThan(1e-4);
    expect(maxDifference(wasm.dfDw, cpu.dfDw)).toBeLessThan(1e-4);
    expect(maxDifference(wasm.dxDw, cpu.dxDw)).toBeLessThan(1e-4);
  });

  it('free every intermediate', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const dataBefore = backend.numDataIds();
    tf.tidy(() => {
      tf.grad((f: tf.Tensor) => tf.conv2d(tf.ones([2, 8, 8, 3]) as tf.Tensor4D, f as tf.Tensor4D, 2, 'same').sum())(tf.ones([3, 3, 3, 4]));
      tf.grads((x: tf.Tensor, f: tf.Tensor) => tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, 2, 'same').sum())([tf.ones([2, 8, 8, 3]), tf.ones([3, 3, 3, 1])]);
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(backend.numDataIds()).toBe(dataBefore);
  });
});
