// `npm run pretrain [name ...]`: trains the networks the site ships (src/runtime/protocol/shipped-networks.ts; all of
// them unless named) on tfjs WASM in Node, with fixed seeds, and writes each in tfjs's format to
// assets/networks/mnist/<name>/; the site build copies them to /models/mnist/<name>/.
// - LeNet-5: the training island's own program for longer (programs/trainer/pretrain.ts), in 32-bit floats;
// - the lab's small variants: the lab's loop (programs/lab/pretrain.ts), shipped in 16-bit floats when the saved
//   file's held-out accuracy is within 0.1 point of the float32 network's, else in 32-bit floats.
// About forty minutes of one core for all six (VGG-8, ResNet-20, its pre-activation twin and MobileNet take 7 to 12
// minutes each); give two processes a few names each to use two cores.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { convertMnist } from '../src/integrations/mnist-asset.ts';
import { DATASETS } from '../src/runtime/data/dataset-format.ts';
import { datasetSplit, loadDataset } from '../src/runtime/data/dataset.ts';
import { loadShippedNetwork } from '../src/runtime/data/pretrained.ts';
import { chooseBackend } from '../src/runtime/host/backends.ts';
import { heldOutAccuracy } from '../src/runtime/networks/kept-lenet.ts';
import { pretrainLabNetwork } from '../src/runtime/programs/lab/pretrain.ts';
import { pretrainLeNet } from '../src/runtime/programs/trainer/pretrain.ts';
import { isShippedNetwork, SHIPPED_NETWORKS, type ShippedNetwork } from '../src/runtime/protocol/shipped-networks.ts';
import { english } from './lib/english.ts';
import { assetDir, assetLoader, saveShipped } from './lib/shipped-asset.ts';

const names = process.argv.slice(2);
const unknown = names.filter((n) => !isShippedNetwork(n));
if (unknown.length) throw new Error(`not a shipped network: ${unknown.join(', ')} (${SHIPPED_NETWORKS.join(', ')})`);
const chosen = (names.length ? names : SHIPPED_NETWORKS) as ShippedNetwork[];

const wasm = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist/'),
).href;
await chooseBackend('wasm', wasm);
const { images, labels } = convertMnist();
const assets = new Map([
  [DATASETS.mnist.imagesPath, images],
  [DATASETS.mnist.labelsPath, labels],
]);
const loadAsset = async (path: string) => assets.get(path)!.slice().buffer;
const say =
  (name: string) =>
  (...pieces: unknown[]) =>
    console.error(`[pretrain ${name}] ${pieces.map((p) => english(p as never)).join('')}`);

for (const name of chosen) {
  const start = performance.now();
  const seconds = () => `${((performance.now() - start) / 1000).toFixed(0)} s`;
  if (name === 'lenet5') {
    const { model, metadata } = await pretrainLeNet(loadAsset, undefined, undefined, say(name));
    await saveShipped(name, model, metadata);
    console.log(
      `${name}: ${metadata.testAccuracy}% on the 2,000 test digits, in ${seconds()}; written to ${assetDir(name)}/`,
    );
    model.dispose();
    continue;
  }
  const { model, record } = await pretrainLabNetwork(loadAsset, name, say(name));
  // Saved in 16-bit floats, then measured again as a reader's run loads the file.
  const measureSaved = async () => {
    const saved = await loadShippedNetwork(assetLoader, name);
    const test = datasetSplit(await loadDataset(loadAsset, 'mnist'), { split: 'test' });
    const accuracy = await heldOutAccuracy(saved.model, test, record);
    saved.model.dispose();
    tf.dispose([test.xs, test.ys]);
    return accuracy;
  };
  await saveShipped(name, model, { ...record, float32TestAccuracy: record.testAccuracy }, 'float16');
  const half = await measureSaved();
  const precision = Math.abs(half - record.testAccuracy) < 0.1 ? 'float16' : 'float32';
  await saveShipped(
    name,
    model,
    {
      ...record,
      testAccuracy: precision === 'float16' ? half : record.testAccuracy,
      float32TestAccuracy: record.testAccuracy,
    },
    precision,
  );
  console.log(
    `${name}: ${record.testAccuracy}% on the 2,000 test digits (16-bit file: ${half}%, shipped in ${precision}), ${record.epochs} epochs, seed ${record.seed}, in ${seconds()}; written to ${assetDir(name)}/`,
  );
  model.dispose();
}
