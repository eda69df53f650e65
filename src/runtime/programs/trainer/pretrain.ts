/**
 * The LeNet-5 the site ships (`npm run pretrain`): the training island's own program, run with a fixed seed and
 * more epochs than the island offers, on the site's 8,000 training digits only; the 2,000 test digits are held
 * out to measure it. tests/claims/pretrained-retrain.test.ts retrains it; tests/programs/pretrained.test.ts checks the shipped file.
 */
import * as tf from '@tensorflow/tfjs';
import { createCourseModule } from '../../course/course-module.ts';
import type { AssetLoader } from '../../data/dataset.ts';
import { runConsole } from '../../host/run-console.ts';
import { scriptRun } from '../../host/run-context.ts';
import { TRAIN_DEFAULTS, type Text } from '../../protocol/index.ts';
import { heldOutAccuracy, keptNetwork, rebuildLeNet, type TrainingRun } from '../../networks/kept-lenet.ts';
import { trainMnist } from './mnist-trainer.ts';

/** How the shipped network is trained: the island's defaults, for longer. */
export const PRETRAIN = {
  seed: 20_261_202,
  settings: { ...TRAIN_DEFAULTS, epochs: 20 } as TrainingRun,
};

/** What the shipped model.json carries beside its weights (tfjs `userDefinedMetadata`). */
export interface PretrainedMetadata {
  /** Every input is standardised with these: the training digits' pixel mean and standard deviation. */
  mean: number;
  std: number;
  /** On the 2,000 held-out test digits, in percent. */
  testAccuracy: number;
  seed: number;
  epochs: number;
  activation: TrainingRun['activation'];
}

/** tfjs draws its initial weights and shuffles from Math.random: a seeded generator makes training repeatable. */
export function withSeed<T>(seed: number, work: () => Promise<T>): Promise<T> {
  const random = Math.random;
  let a = seed;
  Math.random = () => {
    a = (a + 0x6d2b79f5) | 0; // mulberry32
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return work().finally(() => (Math.random = random));
}

/**
 * Trains the network to ship and returns it with its metadata; the caller saves and disposes it. `log` is given
 * each line in pieces, the trainer's own as words (scripts/pretrain.ts says them in English).
 */
export async function pretrainLeNet(
  loadAsset: AssetLoader,
  settings: TrainingRun = PRETRAIN.settings,
  seed = PRETRAIN.seed,
  log: (...pieces: Text[]) => void = () => {},
): Promise<{ model: tf.LayersModel; metadata: PretrainedMetadata }> {
  const run = scriptRun(log, 250);
  await withSeed(seed, () => trainMnist(createCourseModule(run, loadAsset), runConsole(run), settings));
  await run.flush();
  const trained = keptNetwork()!;
  const course = createCourseModule(run, loadAsset);
  const model = rebuildLeNet(course, trained);
  const test = await course.mnist({ split: 'test' });
  const testAccuracy = await heldOutAccuracy(model, test, trained);
  tf.dispose([test.xs, test.ys]);
  const metadata: PretrainedMetadata = {
    mean: trained.mean,
    std: trained.std,
    testAccuracy,
    seed,
    epochs: settings.epochs,
    activation: settings.activation,
  };
  return { model, metadata };
}
