/**
 * The globals a run's code sees in place of the worker's own: timers that belong to the run, and no network.
 * A timer still pending when the run ends is cancelled, and an error thrown in a timer is reported to its own run,
 * so nothing of a finished run can reach a later one (a late `throw` used to kill the next run's worker). The
 * network APIs are shadowed as defence in depth behind the site's Content-Security-Policy: lessons need none.
 */
import { words } from '../protocol/index.ts';
import { ReaderError } from './reader-error.ts';
import type { RunContext } from './run-context.ts';

type Callback = (...args: unknown[]) => unknown;

/** Names the reader's code gets as locals, in the order `values()` gives them (the compiled function's parameters). */
export const RUN_SCOPE_NAMES = [
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'Worker',
  'SharedWorker',
  'importScripts',
] as const;

const NETWORK = RUN_SCOPE_NAMES.slice(4);

export interface RunScope {
  /** The values for RUN_SCOPE_NAMES, in order. */
  values(): unknown[];
  /** Ends the scope: cancels pending timers and drops any later callback. Returns how many were cancelled. */
  close(): number;
}

export function createRunScope(run: RunContext): RunScope {
  const pending = new Set<ReturnType<typeof globalThis.setTimeout>>();
  let closed = false;
  const report = (error: unknown) => {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (!closed) run.say('error', words('worker.run.timerError', { error: text }));
  };
  // A callback runs only while its run is open; what it throws (or rejects with) is logged to that run.
  const guard = (callback: Callback, args: unknown[]) => () => {
    if (closed) return;
    try {
      const result = callback(...args);
      if (result instanceof Promise) result.catch(report);
    } catch (error) {
      report(error);
    }
  };
  const checked = (callback: unknown, name: string): Callback => {
    if (typeof callback !== 'function')
      throw new ReaderError(words('worker.run.notAFunction', { name, type: typeof callback }));
    return callback as Callback;
  };
  const timers = {
    setTimeout: (callback: unknown, ms?: number, ...args: unknown[]) => {
      const run = guard(checked(callback, 'setTimeout'), args);
      const id = globalThis.setTimeout(() => {
        pending.delete(id);
        run();
      }, ms);
      pending.add(id);
      return id;
    },
    setInterval: (callback: unknown, ms?: number, ...args: unknown[]) => {
      const id = globalThis.setInterval(guard(checked(callback, 'setInterval'), args), ms);
      pending.add(id);
      return id;
    },
    clearTimeout: (id: ReturnType<typeof globalThis.setTimeout>) => {
      pending.delete(id);
      globalThis.clearTimeout(id);
    },
    clearInterval: (id: ReturnType<typeof globalThis.setInterval>) => {
      pending.delete(id);
      globalThis.clearInterval(id);
    },
  };
  const offline = (name: string) =>
    function unavailable(): never {
      throw new ReaderError(words('worker.run.offline', { name }));
    };
  const network = Object.fromEntries(NETWORK.map((name) => [name, offline(name)]));
  const all: Record<string, unknown> = { ...timers, ...network };
  return {
    values: () => RUN_SCOPE_NAMES.map((name) => all[name]),
    close() {
      closed = true;
      for (const id of pending) {
        globalThis.clearTimeout(id);
        globalThis.clearInterval(id);
      }
      const cancelled = pending.size;
      pending.clear();
      return cancelled;
    },
  };
}
