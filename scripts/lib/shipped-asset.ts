// Writes a shipped network in tfjs's own format (model.json with its weights manifest, and weights.bin) under
// assets/networks/mnist/<name>/, with the pretraining's record in model.json's `userDefinedMetadata.pretrained`.
// In 16-bit floats on request: tfjs reads them back as float32 (`quantization: { dtype: 'float16' }`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {
  SHIPPED_FILES,
  shippedAssetDir,
  shippedPath,
  type ShippedNetwork,
} from '../../src/runtime/protocol/shipped-networks.ts';

const ROOT = join(import.meta.dirname, '..', '..');
export const assetDir = (name: ShippedNetwork) => join(ROOT, shippedAssetDir(name));

/** Reads the committed files as the site serves them (for loadShippedNetwork). */
export const assetLoader = async (path: string): Promise<ArrayBuffer> => {
  const name = path.split('/')[2] as ShippedNetwork;
  return new Uint8Array(readFileSync(join(assetDir(name), path.slice(shippedPath(name).length)))).buffer;
};

export async function saveShipped(
  name: ShippedNetwork,
  model: tf.LayersModel,
  record: object,
  precision: 'float32' | 'float16' = 'float32',
): Promise<void> {
  model.setUserDefinedMetadata({ ...(model.getUserDefinedMetadata() ?? {}), pretrained: record });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      let weights = new Float32Array(artifacts.weightData as ArrayBuffer) as Float32Array | Float16Array;
      let specs = artifacts.weightSpecs!;
      if (precision === 'float16') {
        if (specs.some((s) => s.dtype !== 'float32')) throw new Error(`${name} has weights that are not float32`);
        weights = Float16Array.from(weights);
        specs = specs.map((s) => ({ ...s, quantization: { dtype: 'float16' as const } }));
      }
      const json = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        modelTopology: artifacts.modelTopology,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        weightsManifest: [{ paths: [SHIPPED_FILES.weights], weights: specs }],
      };
      mkdirSync(assetDir(name), { recursive: true });
      writeFileSync(join(assetDir(name), SHIPPED_FILES.model), `${JSON.stringify(json)}\n`);
      writeFileSync(join(assetDir(name), SHIPPED_FILES.weights), new Uint8Array(weights.buffer));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}
