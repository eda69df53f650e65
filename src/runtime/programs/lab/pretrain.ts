/**
 * The lab's networks the site ships (`npm run pretrain`): each small variant trained alone by the lab's own loop
 * (side-by-side.ts) from the lab's seed, on the site's 8,000 MNIST training digits; the 2,000 test digits are held
 * out to measure it. tests/programs/shipped-networks.test.ts checks the shipped files against their records.
 */
import type * as tf from '@tensorflow/tfjs';
import { createCourseModule } from '../../course/course-module.ts';
import type { AssetLoader } from '../../data/dataset.ts';
import { scriptRun } from '../../host/run-context.ts';
import { heldOutAccuracy, measureStandardisation } from '../../networks/kept-lenet.ts';
import type { Text } from '../../protocol/index.ts';
import type { LabSettings } from '../../protocol/lab.ts';
import type { ShippedNetwork, ShippedRecord } from '../../protocol/shipped-networks.ts';
import { LAB_SEED, loadLabData, trainSideBySide } from './side-by-side.ts';

/** The lab's step size and optimiser, on all 8,000 MNIST training digits for three epochs: the same for every family. */
export const LAB_PRETRAIN: Omit<LabSettings, 'architectures'> = {
  dataset: 'mnist',
  epochs: 3,
  examples: 8000,
  optimizer: 'adam',
  learningRate: 0.001,
};

/**
 * Trains `architecture` for shipping and returns it with its record, its accuracy measured on the float32 weights;
 * the caller saves it (in 16-bit floats) and measures the saved file again. `log` hears each table update.
 */
export async function pretrainLabNetwork(
  loadAsset: AssetLoader,
  architecture: Exclude<ShippedNetwork, 'lenet5'>,
  log: (...pieces: Text[]) => void = () => {},
): Promise<{ model: tf.LayersModel; record: ShippedRecord }> {
  const run = scriptRun(log, 50);
  const course = createCourseModule(run, loadAsset);
  const settings: LabSettings = { ...LAB_PRETRAIN, architectures: [architecture] };
  const data = await loadLabData(course, settings);
  const standardisation = await measureStandardisation(data.train.xs);
  const trained = await trainSideBySide(course, run, 'wasm', settings, data, () => {});
  await run.flush();
  const model = trained.get(architecture);
  if (!model) throw new Error(`${architecture} did not finish training`); // not reader text: npm run pretrain says it
  const testAccuracy = await heldOutAccuracy(model, data.test, standardisation);
  return { model, record: { ...standardisation, testAccuracy, seed: LAB_SEED, epochs: settings.epochs } };
}
