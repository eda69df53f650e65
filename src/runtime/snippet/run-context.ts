/**
 * Everything one run owns: its id, its output budget, the models it built, and whether the reader pressed Stop.
 * Output goes through here so a snippet that logs in a tight loop cannot flood the page.
 */
import type * as tf from '@tensorflow/tfjs';
import type { LogLevel, WorkerEvent } from '../protocol.ts';
import { formatLogArgs } from './format.ts';

/** Messages a run may send before further output is dropped (and counted). */
export const OUTPUT_LIMIT = 500;

export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

export class StopRequested extends Error {
  constructor() {
    super('Stopped by the reader');
  }
}

export class RunContext {
  private sent = 0;
  private dropped = 0;
  private logs: Promise<void> = Promise.resolve();
  private pendingLogs = 0;
  private stopRequested = false;
  private nextChartId = 1;
  readonly models: tf.LayersModel[] = [];

  constructor(
    readonly runId: number,
    private readonly post: Post,
  ) {}

  /** Sends an event unless the run has used up its output budget. */
  emit(event: WorkerEvent, transfer?: Transferable[]): void {
    if (this.sent >= OUTPUT_LIMIT) {
      this.dropped++;
      return;
    }
    this.sent++;
    this.post(event, transfer);
  }

  /** Console output keeps its order even though tensor values arrive asynchronously. */
  log(level: LogLevel, args: unknown[]): void {
    const parts = formatLogArgs(args);
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
    await this.logs;
    if (this.dropped > 0) this.post({ type: 'truncated', runId: this.runId, dropped: this.dropped });
  }

  chartId(): number {
    return this.nextChartId++;
  }

  requestStop(): void {
    this.stopRequested = true;
    for (const model of this.models) model.stopTraining = true;
  }

  /** Training loops call this between batches; it throws once the reader has pressed Stop. */
  throwIfStopped(): void {
    if (this.stopRequested) throw new StopRequested();
  }

  get stopped(): boolean {
    return this.stopRequested;
  }
}
