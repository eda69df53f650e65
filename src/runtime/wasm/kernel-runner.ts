/** What the project's WASM kernels need from tfjs-backend-wasm: running its kernels and reaching its memory. */
import * as tf from '@tensorflow/tfjs';
import type { DataType, KernelFunc, TensorInfo } from '@tensorflow/tfjs';

export type Attrs = Record<string, unknown>;
export type KernelArgs = Parameters<KernelFunc>[0];

/** The parts of tfjs-backend-wasm's BackendWasm these kernels use. */
export interface WasmBackend {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  /** A view of the tensor's bytes in WASM memory; take it after the last allocation, which may move memory. */
  typedArrayFromHeap(info: TensorInfo): Float32Array;
  disposeData(dataId: object): void;
}

/**
 * Runs WASM kernels straight from the registry, so intermediates never enter the engine's bookkeeping, and
 * frees every intermediate result except the one kept.
 */
export function kernelRunner(backend: unknown) {
  const made: TensorInfo[] = [];
  const run = (name: string, inputs: Record<string, TensorInfo>, attrs: Attrs = {}): TensorInfo => {
    const out = tf
      .getKernel(name, 'wasm')!
      .kernelFunc({ inputs, attrs: attrs as never, backend: backend as never }) as TensorInfo;
    made.push(out);
    return out;
  };
  const keep = (result: TensorInfo): TensorInfo => {
    for (const t of made) if (t !== result) (backend as WasmBackend).disposeData(t.dataId);
    return result;
  };
  return { run, keep, wasm: backend as WasmBackend };
}
