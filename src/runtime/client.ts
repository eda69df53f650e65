/**
 * Page side of the snippet runtime: owns the one worker a page uses, starts runs, drops messages of runs that
 * were superseded, and enforces Stop: a cooperative stop first, then terminating the worker if the code does
 * not yield (an endless loop), so Stop always takes effect within a second.
 */
import type { BackendName, ErrorKind, RunJob, WorkerEvent, WorkerRequest } from './protocol/index.ts';

/** Errors after which the worker is replaced rather than reused. */
const FATAL = new Set<ErrorKind>(['device-lost', 'out-of-memory']);

/** How long a cooperative stop may take before the worker is terminated and replaced. */
export const STOP_GRACE_MS = 400;

export type RunListener = (event: WorkerEvent) => void;
type Finished = Extract<WorkerEvent, { type: 'done' | 'error' }>;

interface ActiveRun {
  runId: number;
  listener: RunListener;
  finished: Promise<void>;
  finish: () => void;
}

export class RunClient {
  private worker: Worker | null = null;
  private active: ActiveRun | null = null;
  private nextRunId = 1;
  private generation = 0;
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  /** Runs code; resolves when the run has finished, failed, or been stopped or superseded. */
  run(code: string, backend: BackendName | 'auto', listener: RunListener): Promise<void> {
    return this.start({ type: 'run', code }, backend, listener);
  }

  /** Starts any job (code, training, inspection) as the page's one active run. */
  async start(job: RunJob, backend: BackendName | 'auto', listener: RunListener): Promise<void> {
    if (this.active) await this.stop('Stopped: another run was started.');
    const runId = this.nextRunId++;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    this.active = { runId, listener, finished, finish };
    this.send({ ...job, runId, backend, baseUrl: this.baseUrl });
    return finished;
  }

  /** Stops the active run, if any, within STOP_GRACE_MS plus the time to terminate a worker. */
  async stop(reason?: string): Promise<void> {
    const run = this.active;
    if (!run) return;
    this.send({ type: 'stop', runId: run.runId, reason });
    const timedOut = await Promise.race([run.finished.then(() => false), sleep(STOP_GRACE_MS).then(() => true)]);
    if (timedOut && this.active === run) {
      this.terminate();
      this.complete(run, {
        type: 'error',
        runId: run.runId,
        kind: 'stopped',
        message: `${reason ?? 'Stopped.'} The code did not yield, so its worker was restarted.`,
        location: null,
        suggestBackend: null,
      });
    }
  }

  /**
   * Ends the worker; the next run starts a fresh one. Called when the page goes away: a run in progress ends as
   * stopped, so a page restored from the back/forward cache shows a true state and can run again.
   */
  dispose(): void {
    const run = this.active;
    this.terminate();
    if (run)
      this.complete(run, {
        type: 'error',
        runId: run.runId,
        kind: 'stopped',
        message: 'Stopped when you left the page. Run it again to start over.',
        location: null,
        suggestBackend: null,
      });
  }

  get running(): boolean {
    return this.active !== null;
  }

  /** Counts the workers this client has ended: state kept in a worker (a trained network) lives one generation. */
  get workerGeneration(): number {
    return this.generation;
  }

  private send(request: WorkerRequest): void {
    this.worker ??= this.spawn();
    this.worker.postMessage(request);
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'course-runs' });
    worker.addEventListener('message', (e: MessageEvent<WorkerEvent>) => this.receive(e.data));
    worker.addEventListener('error', (e) => {
      const run = this.active;
      this.terminate();
      if (run)
        this.complete(run, {
          type: 'error',
          runId: run.runId,
          kind: 'runtime',
          message: `The run worker failed: ${e.message || 'it could not start'}`,
          location: null,
          suggestBackend: null,
        });
    });
    return worker;
  }

  private terminate(): void {
    if (!this.worker) return;
    this.worker.terminate();
    this.worker = null;
    this.generation++; // whatever the worker kept is gone with it
  }

  private receive(event: WorkerEvent): void {
    if (event.type === 'ready') return;
    const run = this.active;
    // Late output of a stopped or superseded run must never reach the page.
    if (!run || event.runId !== run.runId) return;
    if (event.type === 'done' || event.type === 'error') {
      // A lost GPU device cannot be reused, and a failed allocation can leave a backend broken (a WASM abort kills
      // its module): the next run gets a fresh worker, backend and device.
      if (event.type === 'error' && FATAL.has(event.kind)) this.terminate();
      this.complete(run, event);
    } else run.listener(event);
  }

  private complete(run: ActiveRun, event: Finished): void {
    if (this.active === run) this.active = null;
    run.listener(event);
    run.finish();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
