/**
 * The networks the architecture lab trained, one per architecture and data set: each kept as it was after its last
 * finished epoch (the weights that epoch's test accuracy measured), so a Stop mid-epoch keeps what the table shows.
 * They live in this worker for the explorer and the digit pad, and in the browser (saved-lab-networks.ts), so that
 * leaving the page loses none of them; a network asked for that this worker does not hold is loaded from there.
 * A run's own models are freed when the run ends, so these are weights, rebuilt into a model where one is needed.
 */
import * as tf from '@tensorflow/tfjs';
import type { ProgramCourse } from '../course/course-module.ts';
import { buildZooModel } from '../models/index.ts';
import { LAB_CLASSES, LAB_INPUT_SHAPE, type KeptLabNetwork, type LabDataset } from '../protocol/index.ts';
import type { Standardisation } from './kept-lenet.ts';
import { loadSavedLabNetwork } from './saved-lab-networks.ts';

export interface LabNetwork extends KeptLabNetwork, Standardisation {
  /** Kept clones, in `model.getWeights()` order. */
  readonly weights: tf.Tensor[];
}

const kept = new Map<string, LabNetwork>();
const keyOf = (architecture: string, dataset: LabDataset) => `${dataset}/${architecture}`;

/**
 * `architecture`'s network trained on `dataset`, or, with no data set named, its latest on either: from this worker,
 * else from the browser's store; null if the lab never trained it here.
 */
export async function labNetwork(architecture: string, dataset?: LabDataset): Promise<LabNetwork | null> {
  const here = [...kept.values()]
    .filter((n) => n.architecture === architecture && (dataset === undefined || n.dataset === dataset))
    .sort((a, b) => b.date.localeCompare(a.date))[0];
  if (here) return here;
  const saved = await loadSavedLabNetwork(architecture, dataset);
  if (!saved) return null;
  const network = { ...saved.about, weights: saved.weights.map((w) => tf.keep(w)) };
  forget(keyOf(network.architecture, network.dataset));
  kept.set(keyOf(network.architecture, network.dataset), network);
  return network;
}

/** Keeps a clone of `model`'s weights as `about.architecture`'s on its data set, freeing the ones it replaces. */
export function keepLabNetwork(model: tf.LayersModel, about: KeptLabNetwork & Standardisation): LabNetwork {
  const key = keyOf(about.architecture, about.dataset);
  forget(key);
  // Kept out of the run's scope, which frees everything else the run made.
  const network = { ...about, weights: model.getWeights().map((w) => tf.keep(w.clone())) };
  kept.set(key, network);
  return network;
}

/** The network as a model of the zoo's small variant, built in the caller's run (which frees it). */
export function rebuildLabNetwork(course: ProgramCourse, network: LabNetwork): tf.LayersModel {
  const model = course.zoo(network.architecture, { inputShape: [...LAB_INPUT_SHAPE], classes: LAB_CLASSES });
  model.setWeights(network.weights);
  return model;
}

/**
 * The same, outside any run: the caller disposes it. For saving after a Stop, when the run builds nothing more
 * (`course.zoo` refuses once Stop is pressed) but what the table shows as measured must still be kept.
 */
export function labModelOf(network: LabNetwork): tf.LayersModel {
  const model = buildZooModel(network.architecture, { inputShape: [...LAB_INPUT_SHAPE], classes: LAB_CLASSES });
  model.setWeights(network.weights);
  return model;
}

/** How many tensors the kept networks hold: a run reports the change as kept on purpose, not leaked. */
export function labNetworkTensors(): number {
  return [...kept.values()].reduce((n, network) => n + network.weights.length, 0);
}

function forget(key: string): void {
  const old = kept.get(key);
  if (old) tf.dispose(old.weights);
  kept.delete(key);
}
