import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fixMomentumDispose } from '~/runtime/fixes/optimizer-dispose';
import { guardWebGpuBufferSize } from '~/runtime/fixes/webgpu-buffer-limit';
import { classifyError } from '~/runtime/host/classify-error';

/** One step of an optimizer on one variable, then dispose: how many tensors are left over. */
function tensorsLeftBy(makeOptimizer: () => tf.Optimizer): number {
  const weight = tf.variable(tf.ones([3]));
  const before = tf.memory().numTensors;
  const optimizer = makeOptimizer();
  optimizer.minimize(() => weight.square().sum() as tf.Scalar);
  optimizer.dispose();
  const left = tf.memory().numTensors - before;
  weight.dispose();
  return left;
}

describe('the tfjs fixes', () => {
  beforeAll(() => tf.setBackend('cpu'));

  it("tfjs 4.22's momentum optimizer leaks its learning rate on dispose without the fix (remove the fix when this fails)", () => {
    expect(tensorsLeftBy(() => tf.train.momentum(0.1, 0.9))).toBe(1);
  });

  it('with the fix, a disposed momentum optimizer (Nesterov or not) leaves nothing behind', () => {
    fixMomentumDispose();
    fixMomentumDispose();
    expect(tensorsLeftBy(() => tf.train.momentum(0.1, 0.9))).toBe(0);
    expect(tensorsLeftBy(() => tf.train.momentum(0.1, 0.9, true))).toBe(0);
    expect(tensorsLeftBy(() => tf.train.sgd(0.1))).toBe(0);
  });

  it("tfjs-backend-webgpu 4.22 still creates every buffer unchecked in BufferManager.acquireBuffer (the guard's hook)", () => {
    const dir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-webgpu/package.json'));
    const source = readFileSync(join(dir, 'dist', 'buffer_manager.js'), 'utf8');
    expect(source).toMatch(/acquireBuffer\(size, usage, mappedAtCreation = false, reuse = true\) \{/);
    expect(source).not.toMatch(/maxBufferSize/);
  });

  it('makes the WebGPU backend refuse a buffer over the device limit, as an out-of-memory error', () => {
    const sizes: number[] = [];
    const backend = {
      device: { limits: { maxBufferSize: 256 * 2 ** 20 } },
      bufferManager: { acquireBuffer: (size: number, _usage?: number) => (sizes.push(size), { size }) },
    };
    guardWebGpuBufferSize(backend);
    guardWebGpuBufferSize(backend); // idempotent: one check, not two
    expect(backend.bufferManager.acquireBuffer(1024, 0)).toEqual({ size: 1024 });
    let thrown: unknown;
    try {
      backend.bufferManager.acquireBuffer(6.4e9, 0);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect(sizes).toEqual([1024]);
    expect(classifyError(thrown, 'webgpu')).toMatchObject({ kind: 'out-of-memory', suggestBackend: 'wasm' });
    expect((thrown as Error).message).toBe(
      "a tensor needs a 6,104 MiB GPU buffer, more than this device's limit of 256 MiB",
    );
  });
});
