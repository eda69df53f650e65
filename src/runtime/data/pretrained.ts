/**
 * The networks the site ships trained (protocol/shipped-networks.ts, written by `npm run pretrain`): how a run loads
 * one, only when a reader asks for it.
 */
import * as tf from '@tensorflow/tfjs';
import { SHIPPED_FILES, shippedPath, type ShippedNetwork, type ShippedRecord } from '../protocol/shipped-networks.ts';
import type { AssetLoader } from './dataset.ts';

export interface Shipped extends ShippedRecord {
  model: tf.LayersModel;
}

/** Each shipped file's bytes, fetched once per worker: a run's model is freed when the run ends, its bytes are not. */
const fetched = new Map<string, Promise<ArrayBuffer>>();
const fetchOnce = (loadAsset: AssetLoader, path: string): Promise<ArrayBuffer> => {
  let bytes = fetched.get(path);
  if (!bytes) {
    bytes = loadAsset(path);
    fetched.set(path, bytes);
    bytes.catch(() => fetched.delete(path)); // a failed download is tried again by the next run
  }
  return bytes.then((b) => b.slice(0));
};

/**
 * Loads a shipped network through the run's asset loader (the site's own origin, or the files in tests); the caller
 * frees the model. The zoo's custom layers are registered by the zoo's modules, which every program has imported.
 */
export async function loadShippedNetwork(loadAsset: AssetLoader, name: ShippedNetwork): Promise<Shipped> {
  const path = shippedPath(name);
  const json = JSON.parse(
    new TextDecoder().decode(await fetchOnce(loadAsset, `${path}${SHIPPED_FILES.model}`)),
  ) as tf.io.ModelJSON;
  const weightData = await fetchOnce(loadAsset, `${path}${SHIPPED_FILES.weights}`);
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      weightData,
    }),
  );
  const record = (json.userDefinedMetadata as { pretrained?: ShippedRecord } | undefined)?.pretrained;
  if (!record) throw new Error(`the shipped ${name} has no pretraining record: run npm run pretrain ${name}`);
  return { ...record, model };
}
