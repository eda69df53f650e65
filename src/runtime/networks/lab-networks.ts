/**
 * The networks the architecture lab trained in this worker, one per architecture, the latest run's: each kept as it
 * was after its last finished epoch (the weights that epoch's test accuracy measured), so a Stop mid-epoch keeps what
 * the table shows. The explorer rebuilds one from its weights; a run's own models are freed when the run ends.
 * They live as long as the page: saving them in the browser as the trainer saves LeNet-5 is not built yet.
 */
import * as tf from '@tensorflow/tfjs';
import type { DatasetName } from '../data/dataset-format.ts';
import type { LabArchitecture } from '../protocol/index.ts';
import type { Standardisation } from './kept-lenet.ts';

export interface LabNetwork extends Standardisation {
  readonly dataset: DatasetName;
  readonly epochs: number;
  /** On the data set's test split, a fraction from 0 to 1. */
  readonly testAccuracy: number;
  /** Kept clones, in `model.getWeights()` order. */
  readonly weights: tf.Tensor[];
}

const kept = new Map<LabArchitecture, LabNetwork>();

export function labNetwork(architecture: string): LabNetwork | null {
  return kept.get(architecture as LabArchitecture) ?? null;
}

/** Keeps a clone of `model`'s weights as `architecture`'s, freeing the ones it replaces. */
export function keepLabNetwork(
  architecture: LabArchitecture,
  model: tf.LayersModel,
  about: Omit<LabNetwork, 'weights'>,
): void {
  forgetLabNetwork(architecture);
  // Kept out of the run's scope, which frees everything else the run made.
  kept.set(architecture, { ...about, weights: model.getWeights().map((w) => tf.keep(w.clone())) });
}

/** How many tensors the kept networks hold: a run reports the change as kept on purpose, not leaked. */
export function labNetworkTensors(): number {
  return [...kept.values()].reduce((n, network) => n + network.weights.length, 0);
}

export function forgetLabNetwork(architecture: LabArchitecture): void {
  const old = kept.get(architecture);
  if (old) tf.dispose(old.weights);
  kept.delete(architecture);
}
