/**
 * The project's kernels for tfjs-backend-wasm 4.22: the gradients it lacks (grad-kernels.ts) and faster
 * versions of kernels that dominate a CNN's training step (fast-kernels.ts) and a batch norm's (batch-norm-kernels.ts).
 *
 * The JavaScript ones (MaxPoolGrad, the scatter of the conv input gradient) stay on the worker's one thread, even
 * when WASM has threads. Measured with tf.profile over LeNet training steps at batch 32 on 2 cores: MaxPoolGrad was
 * 12% of kernel time on one thread, and the trainer runs on one thread anyway (WASM_THREADS in the protocol), so
 * sharing them out over workers of our own could save at most a few per cent of a step.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig } from '@tensorflow/tfjs';
import { WASM_BATCH_NORM_KERNELS } from './batch-norm-kernels.ts';
import { WASM_FAST_KERNELS } from './fast-kernels.ts';
import { WASM_GRAD_KERNELS } from './grad-kernels.ts';

export { WASM_BATCH_NORM_KERNELS, WASM_FAST_KERNELS, WASM_GRAD_KERNELS };

const ours = new WeakSet<object>();

/**
 * Registers both sets once; call after importing the WASM backend. A kernel this replaces stays reachable from
 * its replacement, which hands it the cases it does not speed up.
 */
export function registerWasmKernels(): void {
  const install = (config: KernelConfig) => {
    if (tf.getKernel(config.kernelName, 'wasm')) tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
    ours.add(config.kernelFunc);
  };
  for (const config of WASM_GRAD_KERNELS) if (!isProjectWasmKernel(config.kernelName)) install(config);
  for (const { kernelName, make } of [...WASM_FAST_KERNELS, ...WASM_BATCH_NORM_KERNELS]) {
    const current = tf.getKernel(kernelName, 'wasm');
    if (!current) throw new Error(`tfjs-backend-wasm has no ${kernelName} kernel to speed up`);
    if (!ours.has(current.kernelFunc)) install({ ...current, kernelFunc: make(current.kernelFunc) });
  }
}

/** Whether the kernel registered for `kernelName` on WASM is one of this project's. */
export function isProjectWasmKernel(kernelName: string): boolean {
  return ours.has(tf.getKernel(kernelName, 'wasm')?.kernelFunc ?? {});
}
