/**
 * The lab's networks kept in this browser (IndexedDB through tf.io, as the trainer keeps its LeNet-5): one per
 * architecture and data set, the latest trained, with how it was trained in the model's metadata. Where the
 * browser has no IndexedDB (Node, a blocked or private store) nothing is saved and nothing is found.
 */
import * as tf from '@tensorflow/tfjs';
import type { KeptLabNetwork, LabDataset } from '../protocol/index.ts';
import { LAB_SETTINGS } from '../protocol/lab.ts';
import type { Standardisation } from './kept-lenet.ts';

const PREFIX = 'indexeddb://cv-course-lab-';
const keyOf = (architecture: string, dataset: LabDataset) => `${PREFIX}${dataset}-${architecture}`;
const DATASETS = LAB_SETTINGS.dataset.choices.map(([value]) => value);

export type SavedLabNetwork = KeptLabNetwork & Standardisation;

interface Metadata {
  lab: SavedLabNetwork;
}

/** Whether tf.io can store models here: its IndexedDB store registers itself in browsers only. */
export function canKeepInBrowser(): boolean {
  return typeof indexedDB !== 'undefined' && tf.io.getSaveHandlers(`${PREFIX}probe`).length > 0;
}

/** Saves `model` as `about.architecture`'s network on `about.dataset`, replacing the one saved before. */
export async function saveLabNetwork(model: tf.LayersModel, about: SavedLabNetwork): Promise<void> {
  model.setUserDefinedMetadata({ ...(model.getUserDefinedMetadata() ?? {}), lab: about } satisfies Metadata);
  await model.save(keyOf(about.architecture, about.dataset));
}

/**
 * `architecture`'s saved network on `dataset`, or the latest saved on either: its record and its weights (the
 * caller owns them). Null where none is saved, or where what is stored cannot be read as one.
 */
export async function loadSavedLabNetwork(
  architecture: string,
  dataset?: LabDataset,
): Promise<{ about: SavedLabNetwork; weights: tf.Tensor[] } | null> {
  if (!canKeepInBrowser()) return null;
  try {
    const stored = await tf.io.listModels();
    const dated = (key: string) => new Date(stored[key]!.dateSaved).getTime();
    const key = (dataset ? [dataset] : DATASETS)
      .map((d) => keyOf(architecture, d))
      .filter((k) => k in stored)
      .sort((a, b) => dated(b) - dated(a))[0];
    if (!key) return null;
    const model = await tf.loadLayersModel(key);
    try {
      const about = (model.getUserDefinedMetadata() as Partial<Metadata> | undefined)?.lab;
      if (about?.architecture !== architecture) return null;
      return { about, weights: model.getWeights().map((w) => w.clone()) };
    } finally {
      model.dispose();
    }
  } catch {
    // An old or damaged entry reads as none; the reader trains the network again.
    return null;
  }
}
