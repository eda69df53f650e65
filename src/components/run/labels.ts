// Words the run UI shows for durations and errors (backend names and labels live in the protocol).
import type { ErrorKind, WorkerEvent } from '~/runtime/protocol';
import { pageLang, word } from '../client/words';

/** `n` with `digits` decimals in the page's language, ungrouped: "12", "1.50" in English. */
const fixed = (n: number, digits: number) =>
  n.toLocaleString(pageLang(), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });

export function formatDuration(ms: number): string {
  return ms < 1000
    ? word('run.duration.ms', { ms: fixed(Math.round(ms), 0) })
    : word('run.duration.s', { s: fixed(ms / 1000, 2) });
}

/** The error's heading, by kind; the key's `{{at}}` is where in the reader's code, when the worker knows. */
const HEADINGS: Readonly<Record<ErrorKind, string>> = {
  syntax: 'run.error.syntax',
  runtime: 'run.error.runtime',
  backend: 'run.error.backend',
  'out-of-memory': 'run.error.outOfMemory',
  'missing-kernel': 'run.error.missingKernel',
  'device-lost': 'run.error.deviceLost',
  stopped: 'run.error.stopped',
};

export function describeError(event: Extract<WorkerEvent, { type: 'error' }>): string {
  const at = event.location ? word('run.error.at', { line: event.location.line, column: event.location.column }) : '';
  return word(HEADINGS[event.kind], { at });
}
