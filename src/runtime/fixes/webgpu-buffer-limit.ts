/**
 * tfjs-backend-webgpu 4.22 `buffer_manager.ts`: `acquireBuffer` calls `device.createBuffer` with whatever size a
 * tensor needs. Above the device's `maxBufferSize` WebGPU does not throw: it returns an invalid buffer and reports
 * a validation error nobody listens to, so `tf.fill([40000, 40000], 1).sum()` quietly gives 0 (or, read back,
 * waits on a buffer that never maps). This makes such a request throw a RangeError at the reader's line instead,
 * which the engine reports as out of memory; the check is one comparison per buffer.
 */

interface BufferManager {
  acquireBuffer(size: number, usage: number, mappedAtCreation?: boolean, reuse?: boolean): unknown;
}
interface WebGpuBackendLike {
  device?: { limits?: { maxBufferSize?: number } };
  bufferManager?: BufferManager;
}

const guarded = new WeakSet<object>();

const mib = (bytes: number) => `${(bytes / 2 ** 20).toLocaleString('en-US', { maximumFractionDigits: 0 })} MiB`;

/** Makes the WebGPU backend refuse a buffer larger than its device allows. Idempotent per backend. */
export function guardWebGpuBufferSize(backend: unknown): void {
  const { device, bufferManager } = (backend ?? {}) as WebGpuBackendLike;
  const limit = device?.limits?.maxBufferSize;
  if (!bufferManager || !limit || guarded.has(bufferManager)) return;
  guarded.add(bufferManager);
  const acquire = bufferManager.acquireBuffer.bind(bufferManager);
  bufferManager.acquireBuffer = (size, ...rest) => {
    if (size > limit)
      throw new RangeError(`a tensor needs a ${mib(size)} GPU buffer, more than this device's limit of ${mib(limit)}`);
    return acquire(size, ...rest);
  };
}
