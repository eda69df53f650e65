/** The digit pad's part of the contract: read a drawn digit with the shipped or the trained LeNet-5. */
import type { WorkerKinds } from './worker-kind.ts';
import type { Text } from './words.ts';

/** Which LeNet-5 reads the pad's digits: the one the site ships, or the one the reader trained on this page. */
export type DigitNetwork = 'shipped' | 'trained';

/** Read a 28×28 digit (row-major, 0 = paper, 1 = ink). */
export type DigitPadJob = { type: 'read-digit'; pixels: number[]; network: DigitNetwork };

/** The pad's reading: the ten class probabilities (they sum to 1) and which network gave them. */
export type DigitPadEvent = {
  type: 'digit-reading';
  runId: number;
  probabilities: number[];
  network: DigitNetwork;
  /** Which network read it, in words: the shipped one and its accuracy, or the reader's. */
  about: Text;
};

/** Kept: the trained network lives in the trainer's worker. */
export const DIGIT_PAD_WORKERS: WorkerKinds<DigitPadJob> = { 'read-digit': 'kept' };
