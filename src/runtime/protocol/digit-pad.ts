/** The digit pad's part of the contract: read a drawn digit with a network the site ships or the trained LeNet-5. */
import type { ShippedNetwork } from './shipped-networks.ts';
import type { LabArchitecture } from './zoo-names.ts';
import type { WorkerKinds } from './worker-kind.ts';
import type { Text } from './words.ts';

/**
 * Which network reads the pad's digits: one the site ships (by its zoo name), the LeNet-5 trained on this page, or
 * one the reader trained on MNIST in the architecture lab (`lab:` and its zoo name).
 */
export type DigitNetwork = ShippedNetwork | 'trained' | `lab:${LabArchitecture}`;

/**
 * Read a 28×28 digit (row-major, 0 = paper, 1 = ink), and explain one class of the reading: `explain`, or the
 * class read when it is null.
 */
export type DigitPadJob = { type: 'read-digit'; pixels: number[]; network: DigitNetwork; explain?: number | null };

/** The pad's reading: the ten class probabilities (they sum to 1) and which network gave them; then its explanation. */
export type DigitPadEvent =
  | {
      type: 'digit-reading';
      runId: number;
      probabilities: number[];
      network: DigitNetwork;
      /** Which network read it, in words: the shipped one and its accuracy, or the reader's. */
      about: Text;
    }
  | DigitExplanationEvent;

/**
 * What the network looked at for one class, after the reading: saliency and Grad-CAM, 28×28 each, 0–1 (Grad-CAM
 * null for a network without feature maps it can weigh), and the layer whose maps Grad-CAM used.
 */
export type DigitExplanationEvent = {
  type: 'digit-explanation';
  runId: number;
  explained: number;
  saliency: Float32Array;
  gradcam: Float32Array | null;
  camLayer: string | null;
};

/** Kept: the trained network lives in the trainer's worker. */
export const DIGIT_PAD_WORKERS: WorkerKinds<DigitPadJob> = { 'read-digit': 'kept' };
