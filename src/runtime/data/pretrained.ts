/**
 * The LeNet-5 the site ships, trained by `npm run pretrain` (programs/trainer/pretrain.ts): where it is served
 * from, and how a run loads it (only when a reader asks for it).
 */
import * as tf from '@tensorflow/tfjs';
import type { AssetLoader } from './dataset.ts';
import { PRETRAINED_FILES, PRETRAINED_PATH } from './pretrained-files.ts';

export { PRETRAINED_FILES, PRETRAINED_PATH };

export interface ShippedLeNet {
  model: tf.LayersModel;
  mean: number;
  std: number;
  testAccuracy: number;
}

/** Loads the shipped network through the run's asset loader (the site's own origin, or the files in tests). */
export async function loadShippedLeNet(loadAsset: AssetLoader): Promise<ShippedLeNet> {
  const json = JSON.parse(
    new TextDecoder().decode(await loadAsset(`${PRETRAINED_PATH}${PRETRAINED_FILES.model}`)),
  ) as tf.io.ModelJSON;
  const weightData = await loadAsset(`${PRETRAINED_PATH}${PRETRAINED_FILES.weights}`);
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      weightData,
    }),
  );
  const metadata = (json.userDefinedMetadata as { pretrained?: ShippedLeNet } | undefined)?.pretrained;
  if (!metadata) throw new Error('the shipped LeNet-5 has no pretraining metadata: run npm run pretrain');
  return { model, mean: metadata.mean, std: metadata.std, testAccuracy: metadata.testAccuracy };
}
