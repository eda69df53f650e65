/**
 * What the "Your device" page asks the worker and what comes back: which backends start here and why the others
 * do not, the WebGPU adapter, WASM's SIMD and threads, and the benchmark's figures. Loads no tfjs.
 */
import type { BackendName } from './backends.ts';
import type { WorkerKinds } from './worker-kind.ts';
import { words, type Text, type Words } from './words.ts';

export type DeviceJob =
  /** Which backends start here, the WebGPU adapter, WASM's SIMD and threads. */
  | { type: 'device-report' }
  /** The benchmark on each of `backends` in turn (answered with one `bench-row` each). */
  | { type: 'device-bench'; backends: BackendName[] };

export type DeviceEvent =
  /** What the device page shows about this device. */
  | { type: 'device-report'; runId: number; report: DeviceReport }
  /** One backend's benchmark figures. */
  | { type: 'bench-row'; runId: number; row: BenchRow }
  /** A backend asked for that could not start, so the benchmark passed over it. */
  | { type: 'bench-skipped'; runId: number; backend: BackendName; reason: Text };

/** Fresh: the page starts every backend in turn, and none of that may reach the trainer's kept worker. */
export const DEVICE_WORKERS: WorkerKinds<DeviceJob> = { 'device-report': 'fresh', 'device-bench': 'fresh' };

/** One backend as this device runs it: what runs, or why it cannot. */
export interface BackendStatus {
  backend: BackendName;
  works: boolean;
  /** What runs ("WebGPU on a software adapter (SwiftShader)") or why not ("no adapter"). */
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
  /** Null where there is no `navigator` (Node). */
  userAgent: string | null;
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
  /** What ran, as the badge says it ("WASM", "WebGL on a software renderer (SwiftShader)"). */
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

/** A figure with `digits` decimals, in the reader's language, without grouping ("1234.5"; "1234,5" in Russian). */
export function formatFigure(n: number, digits: number, lang: string): string {
  return n.toLocaleString(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
}

/** A row's figures in the results' column order: training, first step, warm-up step, forward, first forward. */
export function benchFigures(row: BenchRow, lang: string): string[] {
  return [
    formatFigure(row.trainExamplesPerSec, 1, lang),
    formatFigure(row.trainFirstStepMs, 0, lang),
    formatFigure(row.trainWarmStepMs, 1, lang),
    formatFigure(row.forwardMedianMs, 2, lang),
    formatFigure(row.forwardFirstMs, 0, lang),
  ];
}

/**
 * The benchmark as plain Markdown: what "Copy results" puts on the clipboard, worded by `say` (the page's words, or
 * a test's English) with figures in `lang`.
 */
export function formatBenchMarkdown(
  report: DeviceReport | null,
  rows: BenchRow[],
  when: Date,
  say: (text: Text) => string,
  lang = 'en',
): string {
  const { batch, forwardModel } = DEVICE_BENCH;
  const unknown = words('device.unknown');
  const lines = [
    say(words('device.markdown.heading', { when: when.toISOString().slice(0, 16).replace('T', ' ') })),
    '',
    say(words('device.markdown.browser', { browser: report?.userAgent ?? unknown })),
  ];
  if (report) {
    const { wasm, gpuAdapter } = report;
    lines.push(
      say(
        words('device.markdown.wasm', {
          simd: yesNo(wasm.simd),
          threads: describeThreads(wasm),
          isolated: String(wasm.crossOriginIsolated),
          cores: wasm.cores ?? unknown,
        }),
      ),
      say(
        words('device.markdown.adapter', { adapter: gpuAdapter ? describeAdapter(gpuAdapter) : words('device.none') }),
      ),
    );
  }
  lines.push(
    '',
    say(words('device.markdown.tableHead', { batch, model: forwardModel })),
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${[say(r.detail), ...benchFigures(r, lang)].join(' | ')} |`),
  );
  return lines.join('\n') + '\n';
}

export const yesNo = (value: boolean): Words => words(value ? 'device.yes' : 'device.no');

/** "Google, swiftshader, SwiftShader Device (Subzero) (fallback adapter)". */
export function describeAdapter(adapter: GpuAdapterReport): Text {
  const name = [adapter.vendor, adapter.architecture, adapter.description].filter(Boolean).join(', ');
  const named = name || words('device.adapter.unnamed');
  return adapter.isFallbackAdapter ? words('device.adapter.fallback', { name: named }) : named;
}

/** Threads and the reason for their number, in the reader's terms: the fact tfjs gives, then why. */
export function describeThreads(wasm: WasmReport): Words {
  if (wasm.threads === null) return words('device.threads.unknown');
  const threads = words('device.threads.count', { count: wasm.threads });
  if (wasm.threads > 1) return words('device.threads.several', { threads });
  if (!wasm.crossOriginIsolated) return words('device.threads.notIsolated', { threads });
  if (!wasm.multithread) return words('device.threads.unsupported', { threads });
  return words('device.threads.oneAsked', { threads });
}
