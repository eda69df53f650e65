/**
 * What the "Your device" page asks the worker and what comes back: which backends start here and why the others
 * do not, the WebGPU adapter, WASM's SIMD and threads, and the benchmark's figures. Loads no tfjs.
 */
import type { BackendName } from './backends.ts';
import type { Text } from './words.ts';
import type { WorkerKinds } from './worker-kind.ts';

export type DeviceJob =
  /** Which backends start here, the WebGPU adapter, WASM's SIMD and threads. */
  | { type: 'device-report' }
  /** The benchmark on each of `backends` in turn (answered with one `bench-row` each). */
  | { type: 'device-bench'; backends: BackendName[] };

export type DeviceEvent =
  /** What the device page shows about this device. */
  | { type: 'device-report'; runId: number; report: DeviceReport }
  /** One backend's benchmark figures. */
  | { type: 'bench-row'; runId: number; row: BenchRow };

/** Fresh: the page starts every backend in turn, and none of that may reach the trainer's kept worker. */
export const DEVICE_WORKERS: WorkerKinds<DeviceJob> = { 'device-report': 'fresh', 'device-bench': 'fresh' };

/** One backend as this device runs it: what runs, or why it cannot. */
export interface BackendStatus {
  backend: BackendName;
  works: boolean;
  /** What runs ("WebGPU on a software adapter (SwiftShader)") or why not ("no adapter"), in words. */
  detail: Text;
  /** Only emulated on the CPU (a software GPU): `auto` passes it over for WASM. */
  software: boolean;
}

/** The WebGPU adapter the browser offers (GPUAdapterInfo plus the limits that bound tfjs's tensors). */
export interface GpuAdapterReport {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean;
  /** The few limits that decide what fits: the largest buffer, binding and workgroup. */
  limits: Record<(typeof GPU_LIMITS)[number], number | null>;
}

/** The adapter limits the page shows, in order. */
export const GPU_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
] as const;

export interface WasmReport {
  /** tfjs's `WASM_HAS_SIMD_SUPPORT`. */
  simd: boolean;
  /** tfjs's `WASM_HAS_MULTITHREAD_SUPPORT`: SharedArrayBuffer exists, which needs a cross-origin isolated page. */
  multithread: boolean;
  /** `getThreadsCount()` once the WASM backend has started (1 without threads); null when WASM could not start. */
  threads: number | null;
  crossOriginIsolated: boolean;
  /** Logical cores the browser reports (`navigator.hardwareConcurrency`). */
  cores: number | null;
}

export interface DeviceReport {
  backends: BackendStatus[];
  /** Null when no adapter was offered (the reason is in `backends`). */
  gpuAdapter: GpuAdapterReport | null;
  wasm: WasmReport;
  userAgent: string;
}

/**
 * How the page's benchmark measures, for every backend alike. Warm-up steps (kernel compilation, first
 * allocations) are timed separately; the steady state is the median of several rounds.
 */
export const DEVICE_BENCH = {
  /** LeNet-5 training: Adam on batches of this many MNIST training digits. */
  batch: 32,
  trainWarmup: 3,
  trainRounds: 5,
  stepsPerRound: 3,
  /** The forward pass: this zoo model at its default input, batch 1. */
  forwardModel: 'resnet20-cifar',
  forwardWarmup: 2,
  forwardRuns: 7,
} as const;

/** One backend's figures. */
export interface BenchRow {
  backend: BackendName;
  /** What ran, as the badge says it ("WASM", "WebGL on a software renderer (SwiftShader)"), in words. */
  detail: Text;
  /** The first training step (compiles kernels), and the median of the other warm-up steps, in ms. */
  trainFirstStepMs: number;
  trainWarmStepMs: number;
  /** Median over the rounds of training examples per second in the steady state. */
  trainExamplesPerSec: number;
  forwardFirstMs: number;
  /** Median of the steady-state forward passes. */
  forwardMedianMs: number;
}

/** The benchmark as plain Markdown: what "Copy results" puts on the clipboard. */
export function formatBenchMarkdown(report: DeviceReport | null, rows: BenchRow[], when: Date): string {
  const { batch, forwardModel } = DEVICE_BENCH;
  const lines = [
    `## CV course: device benchmark (${when.toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `- Browser: ${report?.userAgent ?? 'unknown'}`,
  ];
  if (report) {
    const { wasm, gpuAdapter } = report;
    lines.push(
      `- WASM: SIMD ${wasm.simd ? 'yes' : 'no'}; ${describeThreads(wasm)}; crossOriginIsolated ${wasm.crossOriginIsolated}; cores ${wasm.cores ?? 'unknown'}`,
      `- WebGPU adapter: ${gpuAdapter ? describeAdapter(gpuAdapter) : 'none'}`,
    );
  }
  lines.push(
    '',
    `| Backend | LeNet-5 training, examples/s (batch ${batch}) | first step ms | warm-up step ms | ${forwardModel} forward ms | first forward ms |`,
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.detail} | ${r.trainExamplesPerSec.toFixed(1)} | ${r.trainFirstStepMs.toFixed(0)} | ${r.trainWarmStepMs.toFixed(1)} | ${r.forwardMedianMs.toFixed(2)} | ${r.forwardFirstMs.toFixed(0)} |`,
    ),
  );
  return lines.join('\n') + '\n';
}

/** "Google, swiftshader, SwiftShader Device (Subzero) (fallback adapter)". */
export function describeAdapter(adapter: GpuAdapterReport): string {
  const name = [adapter.vendor, adapter.architecture, adapter.description].filter(Boolean).join(', ') || 'unnamed';
  return adapter.isFallbackAdapter ? `${name} (fallback adapter)` : name;
}

/** Threads and the reason for their number, in the reader's terms: the fact tfjs gives, then why. */
export function describeThreads(wasm: WasmReport): string {
  if (wasm.threads === null) return 'threads unknown: the WASM backend did not start';
  const count = `${wasm.threads} thread${wasm.threads === 1 ? '' : 's'}`;
  if (wasm.threads > 1)
    return `${count} for the lessons' code (tfjs-backend-wasm runs its kernels in parallel); the training island uses one, which trains LeNet faster`;
  if (!wasm.crossOriginIsolated)
    return `${count}: this page is not cross-origin isolated, so SharedArrayBuffer is unavailable and tfjs-backend-wasm runs on one thread`;
  if (!wasm.multithread) return `${count}: this browser offers no WebAssembly threads`;
  return `${count}: threads are available, but one was asked for (one logical core, or the training island's worker)`;
}
