/**
 * Everything one run owns: its id, its output budget, the models it built, and whether the reader pressed Stop.
 * Output goes through here so a snippet that logs in a tight loop cannot flood the page.
 */
import type * as tf from '@tensorflow/tfjs';
import {
  OUTPUT_LIMIT,
  words,
  type LogLevel,
  type LogPart,
  type Text,
  type WorkerEvent,
  type Words,
} from '../protocol/index.ts';
import { formatLogArgs } from './console-format.ts';

/** Live updates (chart points, progress) are batched and sent at most this often; they do not count towards the limit. */
export const STREAM_INTERVAL_MS = 100;

export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

export class StopRequested extends Error {
  /** What the output says stopped the run: the reader's Stop unless the page said otherwise. */
  readonly reason: Text;
  constructor(reason: Text = words('worker.stop.reader')) {
    super(typeof reason === 'string' ? reason : reason.key);
    this.reason = reason;
  }
}

export class RunContext {
  private sent = 0;
  private dropped = 0;
  private logs: Promise<void> = Promise.resolve();
  private pendingLogs = 0;
  private stopRequested = false;
  private stopReason: Text | undefined;
  private nextChartId = 1;
  readonly models: tf.LayersModel[] = [];

  readonly runId: number;
  private readonly post: Post;

  constructor(runId: number, post: Post) {
    this.runId = runId;
    this.post = post;
  }

  /** Sends an event unless the run has used up its output budget. */
  emit(event: WorkerEvent, transfer?: Transferable[]): void {
    if (this.sent >= OUTPUT_LIMIT) {
      this.dropped++;
      return;
    }
    this.sent++;
    this.post(event, transfer);
  }

  private flushers: Array<() => void> = [];

  /** Registers a stream's final flush, run when the snippet ends. */
  addFlusher(flush: () => void): void {
    this.flushers.push(flush);
  }

  /** Posts a batched live update; streams are rate-limited themselves, so they bypass OUTPUT_LIMIT. */
  postStream(event: WorkerEvent): void {
    this.post(event);
  }

  /** Console output keeps its order even though tensor values arrive asynchronously. */
  log(level: LogLevel, args: unknown[]): void {
    this.logParts(level, formatLogArgs(args));
  }

  /** A line of the course's own (a note on the run, a warning), in the page's words, in order with the console's. */
  say(level: LogLevel, line: Words): void {
    this.logParts(level, [{ kind: 'words', words: line }]);
  }

  private logParts(level: LogLevel, parts: LogPart[] | Promise<LogPart[]>): void {
    if (!(parts instanceof Promise) && this.pendingLogs === 0) {
      this.emit({ type: 'log', runId: this.runId, level, parts });
      return;
    }
    this.pendingLogs++;
    this.logs = this.logs.then(async () => {
      this.emit({ type: 'log', runId: this.runId, level, parts: await parts });
      this.pendingLogs--;
    });
  }

  /** Waits for pending console output, then reports how much was dropped. */
  async flush(): Promise<void> {
    for (const flush of [...this.flushers]) flush();
    await this.logs;
    if (this.dropped > 0) this.post({ type: 'truncated', runId: this.runId, dropped: this.dropped });
  }

  chartId(): number {
    return this.nextChartId++;
  }

  requestStop(reason?: Text): void {
    this.stopReason = reason;
    this.stopRequested = true;
    for (const model of this.models) model.stopTraining = true;
  }

  /** Training loops call this between batches; it throws once the reader has pressed Stop. */
  throwIfStopped(): void {
    if (this.stopRequested) throw new StopRequested(this.stopReason);
  }

  get stopped(): boolean {
    return this.stopRequested;
  }
}

/** Collects live updates (chart points, progress) and sends them at most every STREAM_INTERVAL_MS, and at the end. */
/**
 * A run outside any page, for a script (`npm run pretrain`): every `every`-th progress step and every log line go to
 * `log`, in pieces (text, or words for the script to say).
 */
export function scriptRun(log: (...pieces: Text[]) => void, every: number): RunContext {
  return new RunContext(1, (event) => {
    if (event.type === 'progress' && event.done % every === 0) log(event.label, `: ${event.done}/${event.total}`);
    if (event.type === 'log')
      log(...event.parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'words' ? p.words : '')));
  });
}

export class Stream {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly run: RunContext;
  /** Returns the update to send for everything collected since the last send, or null if nothing is pending. */
  private readonly drain: () => WorkerEvent | null;

  constructor(run: RunContext, drain: () => WorkerEvent | null) {
    this.run = run;
    this.drain = drain;
    run.addFlusher(() => this.flush());
  }

  /** Call after collecting an update. */
  touch(): void {
    this.timer ??= setTimeout(() => this.flush(), STREAM_INTERVAL_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const event = this.drain();
    if (event) this.run.postStream(event);
  }
}
