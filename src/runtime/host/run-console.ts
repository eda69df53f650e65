/** The console a run's code sees: every call becomes a `log` event of that run. */
import type { RunContext } from './run-context.ts';

export type RunConsole = Pick<Console, 'log' | 'info' | 'warn' | 'error'>;

export function runConsole(run: RunContext): RunConsole {
  return {
    log: (...args: unknown[]) => run.log('log', args),
    info: (...args: unknown[]) => run.log('info', args),
    warn: (...args: unknown[]) => run.log('warn', args),
    error: (...args: unknown[]) => run.log('error', args),
  };
}
