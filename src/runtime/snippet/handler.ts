/**
 * The worker's message handler: turns a request into a program (the reader's compiled code, or the trainer's
 * train and inspect jobs), picks a backend, runs it with the `course` module and a captured console, and
 * reports timing, memory and errors. Runs one job at a time; the page replaces a stuck worker rather than
 * waiting for it.
 */
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, onDeviceLost } from '../backends.ts';
import { assertNever, type BackendName, type WorkerRequest } from '../protocol.ts';
import { fixMomentumDispose } from '../fixes/optimizer-dispose.ts';
import { classifyError } from './classify-error.ts';
import { createCourseModule, type CourseModule, type ZooSizeHook } from './course-module.ts';
import { inspectDigit, trainMnist } from '../trainer/mnist-trainer.ts';
import { checkTrainSettings } from '../trainer/settings.ts';
import { RunContext, type Post } from './run-context.ts';
import type { AssetLoader } from '../data/mnist.ts';
import { compileSnippet, locateInSnippet, SnippetSyntaxError, type SnippetConsole } from './transpile.ts';

const IMPORTABLE = ['@tensorflow/tfjs', 'course'];

function snippetConsole(run: RunContext): SnippetConsole {
  return {
    log: (...args: unknown[]) => run.log('log', args),
    info: (...args: unknown[]) => run.log('info', args),
    warn: (...args: unknown[]) => run.log('warn', args),
    error: (...args: unknown[]) => run.log('error', args),
  };
}

function variableCount(): number {
  return Object.keys(tf.engine().registeredVariables).length;
}

/** Frees everything a run allocated: models, variables and tensors it never disposed. */
function releaseRun(run: RunContext): void {
  for (const model of run.models) {
    try {
      model.dispose();
    } catch {
      // already disposed by the snippet
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

const fetchAsset = (baseUrl: string): AssetLoader => async (path) => {
  const response = await fetch(new URL(path, baseUrl));
  if (!response.ok) throw new Error(`could not load ${path}: HTTP ${response.status}`);
  return response.arrayBuffer();
};

type StartRequest = Exclude<WorkerRequest, { type: 'stop' }>;

/** What a run executes once its backend is ready; returns how many tensors it keeps on purpose (none for snippets). */
type Program = (course: CourseModule, run: RunContext) => Promise<number | void>;

/** The reader's code as a program, or null after reporting a syntax error. */
function compileRequest(request: Extract<WorkerRequest, { type: 'run' }>, post: Post): Program | null {
  let compiled: ReturnType<typeof compileSnippet>;
  try {
    compiled = compileSnippet(request.code);
  } catch (e) {
    const err = e as SnippetSyntaxError;
    post({ type: 'error', runId: request.runId, kind: 'syntax', message: err.message, location: err.location ?? null, suggestBackend: null });
    return null;
  }
  return async (course, run) => {
    const modules: Record<string, unknown> = { '@tensorflow/tfjs': tf, course };
    const require = (specifier: string) => {
      if (!(specifier in modules))
        throw new Error(`Cannot import "${specifier}": snippets can import ${IMPORTABLE.map((m) => `"${m}"`).join(' and ')}`);
      return modules[specifier];
    };
    await compiled(require, snippetConsole(run));
  };
}

function programFor(request: StartRequest, post: Post): Program | null {
  switch (request.type) {
    case 'run':
      return compileRequest(request, post);
    case 'train': {
      const settings = request.settings;
      return (course, run) => trainMnist(run, course, checkTrainSettings(settings));
    }
    case 'inspect': {
      const index = request.index;
      return (course, run) => inspectDigit(run, course, index);
    }
    default:
      return assertNever(request);
  }
}

async function execute(request: StartRequest, run: RunContext, post: Post, options: HandlerOptions): Promise<void> {
  const { runId } = request;
  const program = programFor(request, post);
  if (!program) return;

  let backend: BackendName;
  try {
    const choice = await chooseBackend(request.backend, request.baseUrl);
    backend = choice.backend;
    post({ type: 'backend', runId, ...choice });
  } catch (e) {
    post({ type: 'error', runId, kind: 'backend', message: (e as Error).message, location: null, suggestBackend: null });
    return;
  }

  const course = createCourseModule(run, (options.loadAsset ?? fetchAsset)(request.baseUrl), options.zooSizeHook);
  const before = { tensors: tf.memory().numTensors, bytes: tf.memory().numBytes, variables: variableCount() };
  tf.engine().startScope();
  const start = performance.now();
  try {
    const kept = (await program(course, run)) ?? 0;
    await run.flush();
    const ms = performance.now() - start;
    const after = tf.memory();
    // Model weights are variables and are expected to outlive the code; anything else not kept on purpose is a leak.
    const tensorDelta = after.numTensors - before.tensors - (variableCount() - before.variables) - kept;
    post({ type: 'done', runId, ms, backend, tensorDelta, byteDelta: after.numBytes - before.bytes });
  } catch (e) {
    await run.flush();
    const { kind, message, suggestBackend } = classifyError(e, backend);
    post({ type: 'error', runId, kind, message, location: kind === 'stopped' || request.type !== 'run' ? null : locateInSnippet(e), suggestBackend });
  } finally {
    tf.engine().endScope();
    releaseRun(run);
  }
}

/** Creates the handler for one worker. `post` is `self.postMessage` in the browser, a collector in tests. */
export function createSnippetHandler(post: Post, options: HandlerOptions = {}): (request: WorkerRequest) => Promise<void> {
  fixMomentumDispose(); // so that disposing what a run created frees it all (see ../fixes/)
  let active: RunContext | null = null;
  // A lost GPU device ends the current run; the page then replaces this worker, so the next run gets a new device.
  onDeviceLost((message) => {
    if (!active) return;
    active.requestStop();
    post({ type: 'error', runId: active.runId, kind: 'device-lost', message: `${message}. The next run starts on a fresh device.`, location: null, suggestBackend: 'webgl' });
  });
  return async (request) => {
    switch (request.type) {
      case 'run':
      case 'train':
      case 'inspect': {
        const run = new RunContext(request.runId, post);
        active = run;
        await execute(request, run, post, options);
        if (active === run) active = null;
        return;
      }
      case 'stop':
        if (active?.runId === request.runId) active.requestStop();
        return;
      default:
        assertNever(request);
    }
  };
}
