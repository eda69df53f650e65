// Writes a trained LeNet-5 in tfjs's own format (model.json with its weights manifest, and weights.bin), with the
// pretraining's metadata in model.json's `userDefinedMetadata.pretrained`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { PretrainedMetadata } from '../../src/runtime/programs/trainer/pretrain.ts';
import { PRETRAINED_FILES } from '../../src/runtime/data/pretrained-files.ts';

export const PRETRAINED_DIR = join(import.meta.dirname, '..', '..', 'assets', 'lenet5-mnist');

export async function saveLeNet(model: tf.LayersModel, metadata: PretrainedMetadata): Promise<void> {
  model.setUserDefinedMetadata({ ...(model.getUserDefinedMetadata() ?? {}), pretrained: metadata });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData as ArrayBuffer;
      const json = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        modelTopology: artifacts.modelTopology,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        weightsManifest: [{ paths: [PRETRAINED_FILES.weights], weights: artifacts.weightSpecs }],
      };
      writeFileSync(join(PRETRAINED_DIR, PRETRAINED_FILES.model), `${JSON.stringify(json)}\n`);
      writeFileSync(join(PRETRAINED_DIR, PRETRAINED_FILES.weights), new Uint8Array(weights));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}
