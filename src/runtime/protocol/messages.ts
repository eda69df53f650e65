/**
 * The only contract between a page and the run worker. One discriminated union per direction, keyed on
 * `type`. Every message about a run carries its `runId`; the page drops messages of runs it has superseded.
 */
import type { BackendName } from './backends.ts';
import { DEVICE_WORKERS, type DeviceEvent, type DeviceJob } from './device.ts';
import { DIGIT_PAD_WORKERS, type DigitPadEvent, type DigitPadJob } from './digit-pad.ts';
import { LAB_WORKERS, type LabEvent, type LabJob } from './lab-jobs.ts';
import { EXPLORER_WORKERS, type ExplorerEvent, type ExplorerJob } from './explorer.ts';
import { SNIPPET_WORKERS, type SnippetEvent, type SnippetJob } from './snippet.ts';
import type { ModelSummary } from './summary.ts';
import { TRAINER_WORKERS, type TrainerEvent, type TrainerJob } from './trainer.ts';
import type { WorkerKind, WorkerKinds } from './worker-kind.ts';
import type { Text, Words } from './words.ts';

/**
 * What a run does: the reader's code, or one of the page's built-in programs. Each program declares its jobs, its
 * events and the worker each job runs in, in a protocol file of its own; this file composes them.
 */
export type RunJob = SnippetJob | TrainerJob | DigitPadJob | ExplorerJob | DeviceJob | LabJob;

/** Which worker each job runs in (worker-kind.ts says why there are two kinds). */
export const JOB_WORKER: WorkerKinds<RunJob> = {
  ...SNIPPET_WORKERS,
  ...TRAINER_WORKERS,
  ...DIGIT_PAD_WORKERS,
  ...EXPLORER_WORKERS,
  ...DEVICE_WORKERS,
  ...LAB_WORKERS,
};

/**
 * WASM threads for each worker's backend, fixed when it starts. Measured on 2 cores (bench, wasmThreads): two
 * threads made a ResNet-18 forward pass 1.8x faster, but LeNet training at batch 32 ran at 0.75x the rate of one
 * thread (about 0.5x on a busy machine), its kernels too small to share out while the waiting thread takes a core. So reader code, whose slow runs are forward
 * passes of big networks, gets every core it may use; the kept worker, whose long job is training, one thread.
 */
export const WASM_THREADS: Readonly<Record<WorkerKind, WasmThreads>> = {
  fresh: 'all',
  kept: 'one',
};
export type WasmThreads = 'all' | 'one';

/**
 * Output messages (logs, summaries, pictures) a run may send; the rest are counted and reported in one
 * `truncated` event. The page keeps at least this many, so the count it shows is the count that was dropped.
 */
export const OUTPUT_LIMIT = 500;

/** Page -> worker. */
export type WorkerRequest =
  | (RunJob & {
      runId: number;
      /** `auto` walks WebGPU -> WebGL -> WASM -> CPU and keeps the first that works. */
      backend: BackendName | 'auto';
      /** Site base URL, so the worker fetches its assets (WASM binaries, datasets) from the site's own origin. */
      baseUrl: string;
      /** Threads for WASM if this worker starts it (WASM_THREADS); default all. */
      threads?: WasmThreads;
    })
  /** Start a backend before any run needs it, so that a fresh worker's first run does not wait for it. */
  | { type: 'warm'; backend: BackendName | 'auto'; baseUrl: string; threads?: WasmThreads }
  /** Ask a training loop to stop at the next batch; the page terminates the worker if this takes too long. */
  | {
      type: 'stop';
      runId: number;
      /** What the run's output says stopped it, e.g. that another run was started; default: the reader's Stop. */
      reason?: Text;
    };

/**
 * A piece of console output, formatted in the worker so tensors never cross the boundary: the reader's own text, a
 * tensor (its preview says how many values it leaves out in words), or a line of the course's own, in words.
 */
export type LogPart =
  | { kind: 'text'; text: string }
  | { kind: 'tensor'; shape: number[]; dtype: string; preview: Text }
  | { kind: 'words'; words: Words };

export type LogLevel = 'log' | 'info' | 'warn' | 'error';

export type ErrorKind =
  'syntax' | 'runtime' | 'backend' | 'out-of-memory' | 'missing-kernel' | 'device-lost' | 'stopped';

/** Where an error happened in the reader's own code (1-based), wrapper lines removed. */
export interface CodeLocation {
  line: number;
  column: number;
}

export interface ChartSeries {
  label: Text;
  /** One y per x; null leaves a gap. */
  values: Array<number | null>;
}

/** Worker -> page: what every run may send, whatever its program (the output view draws these). */
export type CommonEvent =
  | { type: 'ready' }
  | { type: 'backend'; runId: number; backend: BackendName; detail: Text; fallbackReason: Text | null }
  | { type: 'log'; runId: number; level: LogLevel; parts: LogPart[] }
  | { type: 'summary'; runId: number; summary: ModelSummary }
  /** A chart is created once and then grows with `chart-append`, so live training curves stay cheap. */
  | { type: 'chart'; runId: number; chartId: number; title: Text; xLabel: Text; x: number[]; series: ChartSeries[] }
  | { type: 'chart-append'; runId: number; chartId: number; x: number[]; values: Array<Array<number | null>> }
  /** RGBA pixels of a tensor shown with `show()`. */
  | { type: 'image'; runId: number; title: Text; width: number; height: number; pixels: Uint8ClampedArray }
  /**
   * Small images side by side, each with a caption; flagged ones (e.g. wrong predictions) are marked. An item
   * with `pick` (a test digit's index) is a button where the page offers picking (the trainer's digit picker).
   */
  | {
      type: 'gallery';
      runId: number;
      title: Text;
      width: number;
      height: number;
      items: Array<{ pixels: Uint8ClampedArray; caption: Text; flagged: boolean; pick?: number }>;
    }
  /** Progress of a long loop; the page keeps one bar per run and updates it. */
  | { type: 'progress'; runId: number; done: number; total: number; label: Text; etaMs: number | null }
  | { type: 'truncated'; runId: number; dropped: number }
  /** A tensor a snippet hands the explorer (`course.explore`); the page passes it on as the explorer's input. */
  | { type: 'explorer-input'; runId: number; shape: number[]; data: Float32Array; label: Text }
  | {
      type: 'done';
      runId: number;
      ms: number;
      backend: BackendName;
      /** Tensors alive after the run minus before it: > 0 means the snippet leaked. */
      tensorDelta: number;
      byteDelta: number;
    }
  | {
      type: 'error';
      runId: number;
      kind: ErrorKind;
      /** What went wrong: the course's words, or the reader's own error as their code (or tfjs) threw it. */
      message: Text;
      location: CodeLocation | null;
      /** A backend to offer when this one lacks a kernel or memory. */
      suggestBackend: BackendName | null;
    };

/** What only one program sends, read by the island that asked for it. */
export type ProgramEvent = SnippetEvent | TrainerEvent | DigitPadEvent | ExplorerEvent | DeviceEvent | LabEvent;

/** Worker -> page. */
export type WorkerEvent = CommonEvent | ProgramEvent;

/** Every program event's type: a record, so the compiler names one a program adds and this misses. */
const PROGRAM_EVENT_TYPES: Readonly<Record<ProgramEvent['type'], true>> = {
  check: true,
  networks: true,
  'network-files': true,
  'digit-reading': true,
  'digit-explanation': true,
  architecture: true,
  'receptive-field': true,
  'top-images': true,
  explanation: true,
  'device-report': true,
  'bench-row': true,
  'bench-skipped': true,
  'lab-rows': true,
  'lab-kept': true,
};

export function isProgramEvent(event: WorkerEvent): event is ProgramEvent {
  return event.type in PROGRAM_EVENT_TYPES;
}

/** Exhaustiveness check for `switch` statements over the unions above. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(value)}`); // not reader text: a bug in the course
}
