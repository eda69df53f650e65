/** The snippet program's part of the contract: the reader's code, and an exercise with its hidden check. */
import type { WorkerKinds } from './worker-kind.ts';
import type { Text } from './words.ts';

export type SnippetJob =
  /** The reader's TypeScript, exactly as shown or edited. */
  | { type: 'run'; code: string }
  /** An exercise: the reader's code, then the exercise's hidden check (answered with a `check` event). */
  | { type: 'check'; code: string; check: string };

/** An exercise's verdict, before its `done`: what the check confirmed and, if it failed, why. */
export type SnippetEvent = {
  type: 'check';
  runId: number;
  passed: boolean;
  /** Words the page says (protocol/words.ts), or the check author's own message. */
  message: Text | null;
  confirmed: Text[];
};

export const SNIPPET_WORKERS: WorkerKinds<SnippetJob> = { run: 'fresh', check: 'fresh' };
