// `npm run pretrain`: trains the LeNet-5 the site ships (src/runtime/programs/trainer/pretrain.ts) on tfjs WASM in
// Node and writes it in tfjs's format to assets/lenet5-mnist/ (model.json and weights.bin); the site build copies
// it to /models/lenet5-mnist/. Takes a few minutes on two cores.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { convertMnist } from '../src/integrations/mnist-asset.ts';
import { DATASETS } from '../src/runtime/data/dataset-format.ts';
import { chooseBackend } from '../src/runtime/host/backends.ts';
import { pretrainLeNet } from '../src/runtime/programs/trainer/pretrain.ts';
import { english } from './lib/english.ts';
import { saveLeNet, PRETRAINED_DIR } from './lib/lenet-asset.ts';

const wasm = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist/'),
).href;
await chooseBackend('wasm', wasm);
const { images, labels } = convertMnist();
const assets = new Map([
  [DATASETS.mnist.imagesPath, images],
  [DATASETS.mnist.labelsPath, labels],
]);
const start = performance.now();
const { model, metadata } = await pretrainLeNet(
  async (path) => assets.get(path)!.slice().buffer,
  undefined,
  undefined,
  (...pieces) => console.error(`[pretrain] ${pieces.map(english).join('')}`),
);
mkdirSync(PRETRAINED_DIR, { recursive: true });
await saveLeNet(model, metadata);
console.log(
  `LeNet-5: ${metadata.testAccuracy}% on the 2,000 test digits after ${metadata.epochs} epochs (seed ${metadata.seed}), in ${((performance.now() - start) / 1000).toFixed(0)} s; written to ${PRETRAINED_DIR}/`,
);
model.dispose();
