/** The training island's part of the contract: train LeNet-5, show a digit's maps, and the networks kept. */
import type { TrainSettings } from './train-settings.ts';
import type { WorkerKinds } from './worker-kind.ts';

export type TrainerJob =
  /** Train LeNet-5 on MNIST; the trained weights stay in the worker for `inspect`, the explorer and the pad. */
  | { type: 'train'; settings: TrainSettings }
  /** Feature maps of test digit `index` in the last trained network. */
  | { type: 'inspect'; index: number }
  /** The trainer's saved networks (IndexedDB): list, load or delete one, download or upload one. */
  | { type: 'networks'; action: 'list' | 'export' }
  | { type: 'networks'; action: 'load' | 'delete'; key: string }
  | { type: 'networks'; action: 'import'; model: string; weights: ArrayBuffer };

/** A network the reader trained and this browser keeps. */
export interface SavedNetwork {
  /** Where tf.io keeps it (empty for one just loaded from files). */
  key: string;
  /** When it was trained (ISO 8601). */
  date: string;
  /** On the 2,000 test digits, in percent. */
  testAccuracy: number;
  epochs: number;
  activation: 'relu' | 'tanh';
}

export type TrainerEvent =
  /** The saved networks, newest first, and the one just loaded (if any). */
  | { type: 'networks'; runId: number; saved: SavedNetwork[]; current: SavedNetwork | null }
  /** The trained network as tfjs files, for the page to download. */
  | { type: 'network-files'; runId: number; model: string; weights: ArrayBuffer };

/** All kept: `inspect` reads the network that `train` left in the worker. */
export const TRAINER_WORKERS: WorkerKinds<TrainerJob> = { train: 'kept', inspect: 'kept', networks: 'kept' };
