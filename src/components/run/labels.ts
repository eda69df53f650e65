// Words the run UI shows for durations and errors (backend names and labels live in the protocol).
import type { WorkerEvent } from '~/runtime/protocol';

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function describeError(event: Extract<WorkerEvent, { type: 'error' }>): string {
  const where = event.location ? ` at line ${event.location.line}, column ${event.location.column}` : '';
  switch (event.kind) {
    case 'syntax':
      return `Syntax error${where}:`;
    case 'runtime':
      return `Error${where}:`;
    case 'backend':
      return 'No backend could start:';
    case 'out-of-memory':
      return `Out of memory${where}:`;
    case 'missing-kernel':
      return `Missing kernel${where}:`;
    case 'device-lost':
      return 'The GPU device was lost:';
    case 'stopped':
      return 'Stopped.';
  }
}
