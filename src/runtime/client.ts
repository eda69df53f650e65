/**
 * Page side of the snippet runtime: owns the page's run workers, starts runs, drops messages of runs that were
 * superseded, and enforces Stop: a cooperative stop first, then terminating the worker if the code does not yield
 * (an endless loop), so Stop always takes effect within a second.
 *
 * Workers (see JOB_WORKER): the reader's code runs in a fresh worker per run, so no global it patched, kernel it
 * registered or timer it left can reach a later run; after each such run a spare is started and its backend warmed,
 * so the next run does not wait for tfjs to load. The trainer's jobs share one kept worker that holds its network.
 */
import {
  JOB_WORKER,
  WASM_THREADS,
  type BackendName,
  type ErrorKind,
  type RunJob,
  type WorkerEvent,
  type Text,
  type WorkerRequest,
  words,
} from './protocol/index.ts';

/** Errors after which the worker is replaced rather than reused. */
const FATAL = new Set<ErrorKind>(['device-lost', 'out-of-memory']);

/** How long a cooperative stop may take before the worker is terminated and replaced. */
export const STOP_GRACE_MS = 400;

export type RunListener = (event: WorkerEvent) => void;
type Finished = Extract<WorkerEvent, { type: 'done' | 'error' }>;
type Slot = (typeof JOB_WORKER)[keyof typeof JOB_WORKER];

interface ActiveRun {
  runId: number;
  slot: Slot;
  listener: RunListener;
  finished: Promise<void>;
  finish: () => void;
}

const stopped = (runId: number, message: Text): Finished => ({
  type: 'error',
  runId,
  kind: 'stopped',
  message,
  location: null,
  suggestBackend: null,
});

export class RunClient {
  private readonly workers: Record<Slot, Worker | null> = { fresh: null, kept: null };
  private active: ActiveRun | null = null;
  private nextRunId = 1;
  private generation = 0;
  /** The backend the last fresh run asked for: what the spare warms. */
  private lastBackend: BackendName | 'auto' = 'auto';
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
    if (this.active) await this.stop(words('worker.stop.anotherRun'));
    const runId = this.nextRunId++;
    const slot = JOB_WORKER[job.type];
    if (slot === 'fresh') this.lastBackend = backend;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    this.active = { runId, slot, listener, finished, finish };
    this.send(slot, { ...job, runId, backend, baseUrl: this.baseUrl, threads: WASM_THREADS[slot] });
    return finished;
  }

  /** Stops the active run, if any, within STOP_GRACE_MS plus the time to terminate a worker. */
  async stop(reason?: Text): Promise<void> {
    const run = this.active;
    if (!run) return;
    this.send(run.slot, { type: 'stop', runId: run.runId, reason });
    const timedOut = await Promise.race([run.finished.then(() => false), sleep(STOP_GRACE_MS).then(() => true)]);
    if (timedOut && this.active === run) {
      this.replace(run.slot);
      this.complete(
        run,
        stopped(run.runId, words('worker.stop.restarted', { reason: reason ?? words('worker.stop.plain') })),
      );
    }
  }

  /**
   * Ends every worker; the next run starts a fresh one. Called when the page goes away: a run in progress ends as
   * stopped, so a page restored from the back/forward cache shows a true state and can run again.
   */
  dispose(): void {
    const run = this.active;
    this.terminate('fresh');
    this.terminate('kept');
    if (run) this.complete(run, stopped(run.runId, words('worker.stop.leftPage')));
  }

  get running(): boolean {
    return this.active !== null;
  }

  /** Counts the kept workers this client has ended: what one kept (a trained network) lives one generation. */
  get workerGeneration(): number {
    return this.generation;
  }

  private send(slot: Slot, request: WorkerRequest): void {
    const worker = (this.workers[slot] ??= this.spawn(slot));
    worker.postMessage(request);
  }

  private spawn(slot: Slot): Worker {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `course-${slot}` });
    worker.addEventListener('message', (e: MessageEvent<WorkerEvent>) => this.receive(slot, e.data));
    worker.addEventListener('error', (e) => {
      if (this.workers[slot] !== worker) return;
      const run = this.active;
      this.terminate(slot);
      if (run?.slot === slot)
        this.complete(run, {
          type: 'error',
          runId: run.runId,
          kind: 'runtime',
          message: words('worker.client.failed', {
            reason: e.message.replace(/^Uncaught (Error: )?/, '') || words('worker.client.couldNotStart'),
          }),
          location: null,
          suggestBackend: null,
        });
    });
    return worker;
  }

  private terminate(slot: Slot): void {
    const worker = this.workers[slot];
    if (!worker) return;
    worker.terminate();
    this.workers[slot] = null;
    if (slot === 'kept') this.generation++; // whatever the worker kept is gone with it
  }

  /** Ends a slot's worker; a fresh slot gets its spare at once, warming the backend its runs use. */
  private replace(slot: Slot): void {
    this.terminate(slot);
    if (slot === 'fresh')
      this.send('fresh', {
        type: 'warm',
        backend: this.lastBackend,
        baseUrl: this.baseUrl,
        threads: WASM_THREADS.fresh,
      });
  }

  private receive(slot: Slot, event: WorkerEvent): void {
    if (event.type === 'ready') return;
    const run = this.active;
    // Late output of a stopped or superseded run must never reach the page.
    if (!run || run.slot !== slot || event.runId !== run.runId) return;
    if (event.type === 'done' || event.type === 'error') {
      // A fresh worker serves one run. A kept one is replaced only when it cannot be reused: a lost GPU device, or a
      // failed allocation that can leave a backend broken (a WASM abort kills its module).
      if (slot === 'fresh' || (event.type === 'error' && FATAL.has(event.kind))) this.replace(slot);
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
