/**
 * The device page's report: every backend started in turn (so "works" means it really started, not that an API
 * exists), the WebGPU adapter, and what tfjs says about WASM's SIMD and threads once that backend has started.
 */
import * as tf from '@tensorflow/tfjs';
import { startBackend } from '../../host/backends.ts';
import {
  BACKENDS,
  type BackendStatus,
  type DeviceReport,
  type GpuAdapterReport,
  type WasmReport,
} from '../../protocol/index.ts';

async function statusOf(backend: (typeof BACKENDS)[number], baseUrl: string) {
  const started = await startBackend(backend, baseUrl);
  const status: BackendStatus =
    started.failure !== null
      ? { backend, works: false, detail: started.failure, software: false }
      : { backend, works: true, detail: started.detail, software: started.probe.software !== null };
  return { status, adapter: started.probe.adapter ?? null };
}

/** tfjs's own flags, read after the WASM backend started (they exist only once tfjs-backend-wasm is loaded). */
async function wasmReport(started: boolean): Promise<WasmReport> {
  const flag = (name: string) =>
    started ? (tf.env().getAsync(name) as Promise<boolean>).catch(() => false) : Promise.resolve(false);
  const threads = started ? (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount() : null;
  return {
    simd: await flag('WASM_HAS_SIMD_SUPPORT'),
    multithread: await flag('WASM_HAS_MULTITHREAD_SUPPORT'),
    threads,
    crossOriginIsolated: Boolean((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated),
    cores: typeof navigator !== 'undefined' ? (navigator.hardwareConcurrency ?? null) : null,
  };
}

/** Starts each backend in fallback order and says what runs or why not; leaves the last one that started current. */
export async function reportDevice(baseUrl: string): Promise<DeviceReport> {
  const backends: BackendStatus[] = [];
  let gpuAdapter: GpuAdapterReport | null = null;
  let wasm: WasmReport | null = null;
  for (const backend of BACKENDS) {
    const { status, adapter } = await statusOf(backend, baseUrl);
    backends.push(status);
    gpuAdapter ??= adapter;
    if (backend === 'wasm') wasm = await wasmReport(status.works);
  }
  return {
    backends,
    gpuAdapter,
    wasm: wasm ?? (await wasmReport(false)),
    userAgent: typeof navigator !== 'undefined' ? navigator.userAgent : null,
  };
}
