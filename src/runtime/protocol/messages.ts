/**
 * The only contract between a page and the run worker. One discriminated union per direction, keyed on
 * `type`. Every message about a run carries its `runId`; the page drops messages of runs it has superseded.
 */
import type { ArchGraph } from './architecture.ts';
import type { BackendName } from './backends.ts';
import type { BenchRow, DeviceReport } from './device.ts';
import type { ModelSummary } from './summary.ts';
import type { TrainSettings } from './train-settings.ts';

/** What a run does: the reader's code, or one of the page's built-in programs (the MNIST trainer). */
export type RunJob =
  /** The reader's TypeScript, exactly as shown or edited. */
  | { type: 'run'; code: string }
  /** Train LeNet-5 on MNIST; the trained weights stay in the worker for `inspect`. */
  | { type: 'train'; settings: TrainSettings }
  /** Feature maps of test digit `index` in the last trained network. */
  | { type: 'inspect'; index: number }
  /** An exercise: the reader's code, then the exercise's hidden check (answered with a `check` event). */
  | { type: 'check'; code: string; check: string }
  /** The trainer's saved networks (IndexedDB): list, load or delete one, download or upload one. */
  | { type: 'networks'; action: 'list' | 'export' }
  | { type: 'networks'; action: 'load' | 'delete'; key: string }
  | { type: 'networks'; action: 'import'; model: string; weights: ArrayBuffer }
  /** The digit pad: read a 28×28 digit (row-major, 0 = paper, 1 = ink) with the shipped or the trained LeNet-5. */
  | { type: 'read-digit'; pixels: number[]; network: DigitNetwork }
  /** The explorer: a zoo model's graph (answered with an `architecture` event). */
  | { type: 'describe'; model: string; inputSize: number | null }
  /** The explorer: one layer's feature maps (and a convolution's filters) for an input run through the model. */
  | { type: 'layer-maps'; model: string; inputSize: number | null; layer: string; input: ExplorerInput }
  /** The device page: which backends start here, the WebGPU adapter, WASM's SIMD and threads. */
  | { type: 'device-report' }
  /** The device page's benchmark on each of `backends` in turn (answered with one `bench-row` each). */
  | { type: 'device-bench'; backends: BackendName[] };

/** A network the reader trained and this browser keeps. */
export interface SavedNetwork {
  /** Where tf.io keeps it (empty for one just loaded from files). */
  key: string;
  /** When it was trained (ISO 8601). */
  date: string;
  /** On the 2,000 test digits, in percent. */
  testAccuracy: number;
  epochs: number;
  activation: 'relu' | 'tanh';
}

/** Which LeNet-5 reads the pad's digits: the one the site ships, or the one the reader trained on this page. */
export type DigitNetwork = 'shipped' | 'trained';

/** What the explorer runs through a model: a test digit, or a tensor a snippet handed it (`course.explore`). */
export type ExplorerInput =
  { kind: 'digit'; index: number } | { kind: 'tensor'; shape: number[]; data: Float32Array; label: string };

/**
 * Which worker a job runs in. The reader's code gets a fresh worker per run, a clean realm: nothing a run patched,
 * registered or left pending can reach a later run. The trainer's jobs share one kept worker, because `inspect`
 * reads the network that `train` left there.
 */
export const JOB_WORKER: Readonly<Record<RunJob['type'], 'fresh' | 'kept'>> = {
  run: 'fresh',
  check: 'fresh',
  train: 'kept',
  inspect: 'kept',
  // The pad and the explorer share the trainer's worker: they use the network trained there.
  'read-digit': 'kept',
  networks: 'kept',
  describe: 'kept',
  'layer-maps': 'kept',
  // The device page starts every backend in turn: a fresh worker, so none of that reaches the trainer's.
  'device-report': 'fresh',
  'device-bench': 'fresh',
};

/**
 * WASM threads for each worker's backend, fixed when it starts. Measured on 2 cores (bench, wasmThreads): two
 * threads made a ResNet-18 forward pass 1.8x faster, but LeNet training at batch 32 ran at 0.75x the rate of one
 * thread (about 0.5x on a busy machine), its kernels too small to share out while the waiting thread takes a core. So reader code, whose slow runs are forward
 * passes of big networks, gets every core it may use; the kept worker, whose long job is training, one thread.
 */
export const WASM_THREADS: Readonly<Record<(typeof JOB_WORKER)[keyof typeof JOB_WORKER], WasmThreads>> = {
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
      reason?: string;
    };

/** A piece of console output, formatted in the worker so tensors never cross the boundary. */
export type LogPart =
  { kind: 'text'; text: string } | { kind: 'tensor'; shape: number[]; dtype: string; preview: string };

export type LogLevel = 'log' | 'info' | 'warn' | 'error';

export type ErrorKind =
  'syntax' | 'runtime' | 'backend' | 'out-of-memory' | 'missing-kernel' | 'device-lost' | 'stopped';

/** Where an error happened in the reader's own code (1-based), wrapper lines removed. */
export interface CodeLocation {
  line: number;
  column: number;
}

export interface ChartSeries {
  label: string;
  /** One y per x; null leaves a gap. */
  values: Array<number | null>;
}

/** Worker -> page. */
export type WorkerEvent =
  | { type: 'ready' }
  | { type: 'backend'; runId: number; backend: BackendName; detail: string; fallbackReason: string | null }
  | { type: 'log'; runId: number; level: LogLevel; parts: LogPart[] }
  | { type: 'summary'; runId: number; summary: ModelSummary }
  /** A chart is created once and then grows with `chart-append`, so live training curves stay cheap. */
  | { type: 'chart'; runId: number; chartId: number; title: string; xLabel: string; x: number[]; series: ChartSeries[] }
  | { type: 'chart-append'; runId: number; chartId: number; x: number[]; values: Array<Array<number | null>> }
  /** RGBA pixels of a tensor shown with `show()`. */
  | { type: 'image'; runId: number; title: string; width: number; height: number; pixels: Uint8ClampedArray }
  /**
   * Small images side by side, each with a caption; flagged ones (e.g. wrong predictions) are marked. An item
   * with `pick` (a test digit's index) is a button where the page offers picking (the trainer's digit picker).
   */
  | {
      type: 'gallery';
      runId: number;
      title: string;
      width: number;
      height: number;
      items: Array<{ pixels: Uint8ClampedArray; caption: string; flagged: boolean; pick?: number }>;
    }
  /** Progress of a long loop; the page keeps one bar per run and updates it. */
  | { type: 'progress'; runId: number; done: number; total: number; label: string; etaMs: number | null }
  | { type: 'truncated'; runId: number; dropped: number }
  /** An exercise's verdict, before its `done`: what the check confirmed and, if it failed, why. */
  | { type: 'check'; runId: number; passed: boolean; message: string | null; confirmed: string[] }
  /** The saved networks, newest first, and the one just loaded (if any). */
  | { type: 'networks'; runId: number; saved: SavedNetwork[]; current: SavedNetwork | null }
  /** The trained network as tfjs files, for the page to download. */
  | { type: 'network-files'; runId: number; model: string; weights: ArrayBuffer }
  /** The digit pad's reading: the ten class probabilities (they sum to 1) and which network gave them. */
  | { type: 'digit-reading'; runId: number; probabilities: number[]; network: DigitNetwork; about: string }
  /** A model's graph, for the explorer. */
  | { type: 'architecture'; runId: number; graph: ArchGraph }
  /** A tensor a snippet hands the explorer (`course.explore`); the page passes it on as the explorer's input. */
  | { type: 'explorer-input'; runId: number; shape: number[]; data: Float32Array; label: string }
  /** What the device page shows about this device. */
  | { type: 'device-report'; runId: number; report: DeviceReport }
  /** One backend's benchmark figures. */
  | { type: 'bench-row'; runId: number; row: BenchRow }
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
      message: string;
      location: CodeLocation | null;
      /** A backend to offer when this one lacks a kernel or memory. */
      suggestBackend: BackendName | null;
    };

/** Exhaustiveness check for `switch` statements over the unions above. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(value)}`);
}
