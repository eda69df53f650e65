/**
 * Choosing and initialising a tfjs backend, with the reason for every fallback, so the page can say
 * "WebGPU: no adapter, using WebGL" instead of silently running slower.
 */
import * as tf from '@tensorflow/tfjs';
import { guardWebGpuBufferSize } from '../fixes/webgpu-buffer-limit.ts';
import {
  backendLabel,
  BACKENDS,
  GPU_LIMITS,
  type BackendChoice,
  type BackendName,
  type GpuAdapterReport,
  type Text,
  type WasmThreads,
  type Words,
  words,
} from '../protocol/index.ts';
import { ReaderError } from './reader-error.ts';
import { WASM_DIR } from '../wasm/files.ts';

/** The backend `chooseBackend` started for a run, and why (what the reader picked is the protocol's `BackendChoice`). */
export interface ChosenBackend {
  backend: BackendName;
  /** What is actually running, e.g. "WebGPU on a software adapter (SwiftShader)", as words. */
  detail: Text;
  /** Why earlier backends were passed over, e.g. "WebGPU: no adapter, using WebGL"; null when the first choice worked. */
  fallbackReason: Words | null;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** "SwiftShader" for a known software rasteriser, so badges stay short; the full string is not useful to readers. */
function softwareName(description: string): string {
  const known = /swiftshader|llvmpipe|softpipe|basic render/i.exec(description)?.[0];
  if (!known) return '';
  return known.toLowerCase() === 'swiftshader' ? 'SwiftShader' : known;
}

/** A GPU that the browser only emulates on the CPU: a WebGPU adapter or a WebGL renderer, and its name if known. */
export interface SoftwareGpu {
  kind: 'adapter' | 'renderer';
  /** "SwiftShader", "llvmpipe"; '' when the browser does not say. */
  name: string;
}

/** "software adapter (SwiftShader)": why `auto` passed over a software GPU. */
function softwareWords({ kind, name }: SoftwareGpu): Words {
  return name ? words(`worker.backend.software.${kind}Named`, { name }) : words(`worker.backend.software.${kind}`);
}

export interface Probe {
  /** Why this backend cannot run here; null when it can. */
  unavailable: Words | null;
  /** A working backend that is only software emulation: `auto` prefers WASM over it. */
  software: SoftwareGpu | null;
  /** WebGPU only: the adapter the browser offered. */
  adapter?: GpuAdapterReport;
}

type GpuAdapterLike = {
  info?: { vendor?: string; architecture?: string; description?: string };
  isFallbackAdapter?: boolean;
  limits?: Record<string, number | undefined>;
};

function adapterReport(adapter: GpuAdapterLike): GpuAdapterReport {
  const info = adapter.info ?? {};
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    description: info.description ?? '',
    // Chromium moved the flag from the adapter to its info; read both.
    isFallbackAdapter: Boolean(
      adapter.isFallbackAdapter || (info as { isFallbackAdapter?: boolean }).isFallbackAdapter,
    ),
    limits: Object.fromEntries(GPU_LIMITS.map((name) => [name, adapter.limits?.[name] ?? null])) as Record<
      (typeof GPU_LIMITS)[number],
      number | null
    >,
  };
}

async function probeWebGpu(): Promise<Probe> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return { unavailable: words('worker.backend.notInBrowser'), software: null };
  const found = await gpu.requestAdapter().catch(() => null);
  if (!found) return { unavailable: words('worker.backend.noAdapter'), software: null };
  const adapter = adapterReport(found);
  const name = [adapter.vendor, adapter.architecture, adapter.description].filter(Boolean).join(' ');
  if (adapter.isFallbackAdapter || SOFTWARE_RENDERER.test(name))
    return { unavailable: null, software: { kind: 'adapter', name: softwareName(name) }, adapter };
  return { unavailable: null, software: null, adapter };
}

function probeWebGl(): Probe {
  if (typeof OffscreenCanvas === 'undefined')
    return { unavailable: words('worker.backend.noOffscreenCanvas'), software: null };
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
  if (!gl) return { unavailable: words('worker.backend.noWebGlContext'), software: null };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return {
    unavailable: null,
    software: SOFTWARE_RENDERER.test(renderer) ? { kind: 'renderer', name: softwareName(renderer) } : null,
  };
}

/** Whether `backend` can run here without starting it, and whether it is only software emulation. */
async function probeBackend(backend: BackendName): Promise<Probe> {
  if (backend === 'webgpu') return probeWebGpu();
  if (backend === 'webgl') return probeWebGl();
  if (backend === 'wasm' && typeof WebAssembly === 'undefined')
    return { unavailable: words('worker.backend.noWebAssembly'), software: null };
  return { unavailable: null, software: null };
}

/** Where the WASM binaries are: the site's own copy in the browser; a folder path when tests run in Node. */
function wasmPath(baseUrl: string): string {
  return baseUrl.startsWith('file:')
    ? decodeURI(new URL(baseUrl).pathname).replace(/\/?$/, '/')
    : `${baseUrl.replace(/\/?$/, '/')}${WASM_DIR}`;
}

/**
 * Threads for XNNPACK: one per logical core, so a 2-core laptop gets 2, but at most 4 (measured beyond that, a
 * CNN this size gains little, and every thread is a worker with its own copy of the WASM instance to start).
 */
const MAX_WASM_THREADS = 4;
export function wasmThreadCount(cores = navigator.hardwareConcurrency || 1): number {
  return Math.max(1, Math.min(cores, MAX_WASM_THREADS));
}

/** Why WASM runs on one thread here, or null when it runs threaded. */
function singleThreadReason(): Words | null {
  if (typeof SharedArrayBuffer === 'undefined' || !globalThis.crossOriginIsolated)
    return words('worker.backend.notIsolated');
  return null;
}

/** "WASM (2 threads)", or "WASM (1 thread: the page is not cross-origin isolated…)". */
async function wasmDetail(): Promise<Words> {
  const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  const threads = getThreadsCount();
  const why = threads > 1 ? null : singleThreadReason();
  return why
    ? words('worker.backend.wasmOneThread', { reason: why })
    : words('worker.backend.wasm', { count: threads });
}

/** Loads a backend's code only when it is tried, so a page that runs on WASM never downloads WebGPU kernels. */
async function register(backend: BackendName, baseUrl: string, threads: WasmThreads): Promise<void> {
  if (backend === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(wasmPath(baseUrl));
    wasm.setThreadsCount(threads === 'one' ? 1 : wasmThreadCount());
    (await import('../wasm/index.ts')).registerWasmKernels();
  }
}

/** What the browser said (its own words), or the course's words where it said nothing. */
type DeviceLostListener = (message: Text) => void;
const deviceLostListeners = new Set<DeviceLostListener>();

/** Calls `listener` if the WebGPU device is lost (driver reset, GPU removed); the worker cannot recover from that. */
export function onDeviceLost(listener: DeviceLostListener): () => void {
  deviceLostListeners.add(listener);
  return () => deviceLostListeners.delete(listener);
}

/** How long a backend may take to start (WASM fetches its binary) before the next one is tried. */
const BACKEND_START_TIMEOUT_MS = 30_000;

function withTimeout<T>(work: Promise<T>, ms: number, message: Words): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new ReaderError(message)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function lost(message: Text): void {
  for (const listener of deviceLostListeners) listener(message);
}

/** A lost WebGL context (driver reset, too many contexts, the GPU process gone) leaves the backend unusable. */
function watchWebGlContext(): void {
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: { canvas?: EventTarget } } }).gpgpu?.gl;
  gl?.canvas?.addEventListener?.('webglcontextlost', () => lost(words('worker.backend.webGlLost')));
}

const gpuErrorListeners = new Set<DeviceLostListener>();

/**
 * Calls `listener` with any error the WebGPU device reports that no code caught (validation, out of memory): tfjs
 * does not listen, so without this a failed kernel would quietly give wrong numbers.
 */
export function onGpuError(listener: DeviceLostListener): () => void {
  gpuErrorListeners.add(listener);
  return () => gpuErrorListeners.delete(listener);
}

interface DeviceLike extends Partial<EventTarget> {
  lost?: Promise<{ message: string; reason?: string }>;
}

function watchDevice(): void {
  const device = (tf.backend() as unknown as { device?: DeviceLike }).device;
  void device?.lost?.then((info) => {
    if (info.reason === 'destroyed') return; // we disposed it ourselves
    lost(info.message || words('worker.backend.gpuLost'));
  });
  device?.addEventListener?.('uncapturederror', (event) => {
    const message: Text =
      (event as Event & { error?: { message?: string } }).error?.message ?? words('worker.backend.unknownGpuError');
    for (const listener of gpuErrorListeners) listener(message);
  });
}

/** Makes `backend` tfjs's current backend; returns why it could not start, or null. */
async function activateBackend(
  backend: BackendName,
  baseUrl: string,
  threads: WasmThreads = 'all',
): Promise<Text | null> {
  try {
    const started = withTimeout(
      (async () => {
        await register(backend, baseUrl, threads);
        return tf.setBackend(backend);
      })(),
      BACKEND_START_TIMEOUT_MS,
      words(backend === 'wasm' ? 'worker.backend.wasmTimeout' : 'worker.backend.timeout', {
        seconds: BACKEND_START_TIMEOUT_MS / 1000,
      }),
    );
    if (!(await started))
      return backend === 'wasm'
        ? words('worker.backend.wasmNotLoaded', { path: wasmPath(baseUrl) })
        : words('worker.backend.setBackendFalse', { backend });
    await tf.ready();
    if (backend === 'webgpu') {
      watchDevice();
      guardWebGpuBufferSize(tf.backend());
    }
    if (backend === 'webgl') watchWebGlContext();
    return null;
  } catch (e) {
    if (e instanceof ReaderError) return e.words;
    return (e as Error).message.split('\n')[0] || words('worker.backend.failedToInitialise');
  }
}

/** What runs, as the badge says it: "WASM", "WebGPU on a software adapter (SwiftShader)". */
async function describeBackend(backend: BackendName, software: SoftwareGpu | null, baseUrl: string): Promise<Text> {
  if (software)
    return words(`worker.backend.on.${software.kind}${software.name ? 'Named' : ''}`, {
      backend: backendLabel(backend),
      name: software.name,
    });
  // In Node (tests, a file: base URL) tfjs runs its own WASM build, which has no threads to speak of.
  if (backend === 'wasm' && !baseUrl.startsWith('file:')) return wasmDetail();
  return backendLabel(backend);
}

/** A backend started by `startBackend`: what runs (the badge's words), or why it could not start. */
export type Started = { probe: Probe } & ({ failure: null; detail: Text } | { failure: Text; detail: null });

/** Probes `backend` and, if it can run here, makes it current; software emulation is started too, and said. */
export async function startBackend(
  backend: BackendName,
  baseUrl: string,
  threads: WasmThreads = 'all',
): Promise<Started> {
  const probe = await probeBackend(backend);
  const failure = probe.unavailable ?? (await activateBackend(backend, baseUrl, threads));
  return failure !== null
    ? { probe, failure, detail: null }
    : { probe, failure, detail: await describeBackend(backend, probe.software, baseUrl) };
}

/**
 * Picks the backend for a run. `auto` walks WebGPU -> WebGL -> WASM -> CPU and passes over software GPU
 * emulation (WASM is faster on a CPU); an explicit choice is honoured even when it is software, and falls
 * back in the same order only if it cannot start at all.
 */
export async function chooseBackend(
  wanted: BackendChoice,
  baseUrl: string,
  threads: WasmThreads = 'all',
): Promise<ChosenBackend> {
  const order = wanted === 'auto' ? [...BACKENDS] : [wanted, ...BACKENDS.filter((b) => b !== wanted)];
  // "WebGPU: no adapter; WebGL: software renderer (SwiftShader)": each passed-over backend and why, in order.
  const passedOver: Words[] = [];
  const passOver = (backend: BackendName, reason: Text) =>
    passedOver.push(words('worker.backend.reason', { backend: backendLabel(backend), reason }));
  const reasons = () =>
    passedOver.reduce<Text>((list, reason) => (list ? words('worker.backend.reasons', { list, reason }) : reason), '');
  for (const backend of order) {
    const { unavailable, software } = await probeBackend(backend);
    if (unavailable) {
      passOver(backend, unavailable);
      continue;
    }
    if (software && wanted === 'auto' && (backend === 'webgpu' || backend === 'webgl')) {
      passOver(backend, softwareWords(software));
      continue;
    }
    if (tf.getBackend() !== backend) {
      const failure = await activateBackend(backend, baseUrl, threads);
      if (failure !== null) {
        passOver(backend, failure);
        continue;
      }
    }
    const detail = await describeBackend(backend, software, baseUrl);
    const fallbackReason = passedOver.length
      ? words('worker.backend.fallback', { reasons: reasons(), backend: backendLabel(backend) })
      : null;
    return { backend, detail, fallbackReason };
  }
  throw new ReaderError(words('worker.backend.noneStarted', { reasons: reasons() }));
}
