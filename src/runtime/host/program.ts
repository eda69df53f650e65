/**
 * What the engine runs: a program, made from a request by the registry the worker hands the engine. The engine
 * knows this shape and nothing about any particular program (the snippet runner, the trainer, ...).
 */
import type { AssetLoader, CodeLocation, WorkerRequest } from '../protocol/index.ts';
import type { RunConsole } from './run-console.ts';
import type { RunScope } from './run-scope.ts';
import type { Post, RunContext } from './run-context.ts';

/**
 * Tests only: the input shape to build zoo model `name` at instead of the one asked (undefined: the model's own
 * default), so that every snippet runs quickly on two CPU cores; the reader's code stays the same, and in the
 * browser nothing is changed. The engine passes it on without knowing what a zoo model is.
 */
export type ZooSizeHook = (name: string, inputShape: readonly number[] | undefined) => readonly number[] | undefined;

/** What a program gets for one run: the run (output, Stop), a console bound to it, and the site's assets. */
export interface ProgramContext {
  readonly run: RunContext;
  readonly console: RunConsole;
  /** The run's own timers and a scope without network APIs, for code that runs the reader's code. */
  readonly scope: RunScope;
  readonly loadAsset: AssetLoader;
  readonly zooSizeHook: ZooSizeHook | undefined;
}

export interface Program {
  /** Runs once the backend is ready; returns how many tensors it keeps on purpose (none for most programs). */
  run(context: ProgramContext): Promise<number | void>;
  /** Where an error happened in the reader's own code, for a program that runs reader code. */
  locate?(error: unknown): CodeLocation | null;
}

export type StartRequest = Exclude<WorkerRequest, { type: 'stop' | 'warm' }>;

/**
 * One entry per job type, so the compiler names a job without a program. An entry returns null after it has
 * reported why the request cannot run (e.g. a syntax error).
 */
export type ProgramRegistry = {
  readonly [K in StartRequest['type']]: (
    request: Extract<StartRequest, { type: K }>,
    post: Post,
  ) => Program | null | Promise<Program | null>;
};
