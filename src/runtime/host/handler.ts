/**
 * The engine's message handler: turns a request into a program through the registry it is given, picks a
 * backend, runs the program, and reports timing, memory and errors. It knows no program. Runs one job at a time;
 * the page replaces a stuck worker rather than waiting for it.
 */
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, onDeviceLost, onGpuError } from './backends.ts';
import { fixMomentumDispose } from '../fixes/optimizer-dispose.ts';
import { words, type AssetLoader, type BackendName, type WorkerRequest } from '../protocol/index.ts';
import { classifyError } from './classify-error.ts';
import { ReaderError } from './reader-error.ts';
import type { ProgramRegistry, StartRequest, ZooSizeHook } from './program.ts';
import { runConsole } from './run-console.ts';
import { createRunScope } from './run-scope.ts';
import { RunContext, type Post } from './run-context.ts';

function variableCount(): number {
  return Object.keys(tf.engine().registeredVariables).length;
}

/** Frees everything a run allocated: models, variables and tensors it never disposed. */
function releaseRun(run: RunContext): void {
  for (const model of run.models) {
    try {
      model.dispose();
    } catch {
      // already disposed by the program
    }
  }
  tf.disposeVariables();
}

export interface HandlerOptions {
  /** Reads a site asset (e.g. the MNIST digits); defaults to fetching it from the site's own origin. */
  loadAsset?: (baseUrl: string) => AssetLoader;
  /** Tests only: shrink zoo models' inputs (see ZooSizeHook). */
  zooSizeHook?: ZooSizeHook;
}

/** How long a site asset (the MNIST digits) may take to arrive before the run fails with a message. */
const ASSET_TIMEOUT_MS = 60_000;

const fetchAsset =
  (baseUrl: string): AssetLoader =>
  async (path) => {
    try {
      const response = await fetch(new URL(path, baseUrl), { signal: AbortSignal.timeout(ASSET_TIMEOUT_MS) });
      if (!response.ok) throw new ReaderError(words('worker.asset.notLoaded', { path, status: response.status }));
      return await response.arrayBuffer();
    } catch (e) {
      if (e instanceof DOMException && e.name === 'TimeoutError')
        throw new ReaderError(words('worker.asset.timeout', { path, seconds: ASSET_TIMEOUT_MS / 1000 }), { cause: e });
      throw e;
    }
  };

/** The registry's program for a request; the mapped type guarantees the entry matches the request's type. */
function programFor(programs: ProgramRegistry, request: StartRequest, post: Post) {
  const make = programs[request.type] as (
    request: StartRequest,
    post: Post,
  ) => ReturnType<ProgramRegistry[StartRequest['type']]>;
  return make(request, post);
}

async function execute(
  request: StartRequest,
  run: RunContext,
  post: Post,
  programs: ProgramRegistry,
  options: HandlerOptions,
): Promise<void> {
  const { runId } = request;
  const program = await programFor(programs, request, post);
  if (!program) return;

  let backend: BackendName;
  try {
    const chosen = await chooseBackend(request.backend, request.baseUrl, request.threads);
    backend = chosen.backend;
    post({ type: 'backend', runId, ...chosen });
  } catch (e) {
    post({
      type: 'error',
      runId,
      kind: 'backend',
      message: e instanceof ReaderError ? e.words : (e as Error).message,
      location: null,
      suggestBackend: null,
    });
    return;
  }

  const scope = createRunScope(run);
  const context = {
    run,
    console: runConsole(run),
    scope,
    loadAsset: (options.loadAsset ?? fetchAsset)(request.baseUrl),
    zooSizeHook: options.zooSizeHook,
  };
  const before = { tensors: tf.memory().numTensors, bytes: tf.memory().numBytes, variables: variableCount() };
  tf.engine().startScope();
  const start = performance.now();
  try {
    const kept = (await program.run(context)) ?? 0;
    const cancelled = scope.close();
    if (cancelled > 0) run.say('warn', words('worker.run.timersCancelled', { count: cancelled }));
    await run.flush();
    const ms = performance.now() - start;
    const after = tf.memory();
    // Model weights are variables and are expected to outlive the code; anything else not kept on purpose is a leak.
    const tensorDelta = after.numTensors - before.tensors - (variableCount() - before.variables) - kept;
    post({ type: 'done', runId, ms, backend, tensorDelta, byteDelta: after.numBytes - before.bytes });
  } catch (e) {
    scope.close();
    await run.flush();
    const { kind, message, suggestBackend } = classifyError(e, backend);
    post({
      type: 'error',
      runId,
      kind,
      message,
      location: kind === 'stopped' ? null : (program.locate?.(e) ?? null),
      suggestBackend,
    });
  } finally {
    tf.engine().endScope();
    releaseRun(run);
  }
}

/** Creates the handler for one worker. `post` is `self.postMessage` in the browser, a collector in tests. */
export function createRunHandler(
  post: Post,
  programs: ProgramRegistry,
  options: HandlerOptions = {},
): (request: WorkerRequest) => Promise<void> {
  fixMomentumDispose(); // so that disposing what a run created frees it all (see ../fixes/)
  // V8 keeps 10 frames by default; a tfjs error thrown deep inside a kernel then loses the reader's own line.
  (Error as { stackTraceLimit?: number }).stackTraceLimit = 200;
  let active: RunContext | null = null;
  let warming: Promise<unknown> = Promise.resolve();
  // A lost GPU device ends the current run; the page then replaces this worker, so the next run gets a new device.
  onDeviceLost((message) => {
    if (!active) return;
    active.requestStop();
    post({
      type: 'error',
      runId: active.runId,
      kind: 'device-lost',
      message: words('worker.gpu.deviceLost', { reason: message }),
      location: null,
      suggestBackend: 'webgl',
    });
  });
  onGpuError((message) =>
    active?.say(
      'warn',
      words('worker.gpu.error', { reason: typeof message === 'string' ? (message.split('\n')[0] ?? '') : message }),
    ),
  );
  return async (request) => {
    if (request.type === 'stop') {
      if (active?.runId === request.runId) active.requestStop(request.reason);
      return;
    }
    if (request.type === 'warm') {
      // Best effort: a backend that fails here fails again, with its message, in the run that asks for it.
      warming = chooseBackend(request.backend, request.baseUrl, request.threads).catch(() => undefined);
      return;
    }
    const run = new RunContext(request.runId, post);
    active = run;
    await warming; // one backend switch at a time
    await execute(request, run, post, programs, options);
    if (active === run) active = null;
  };
}
