/**
 * The programs `npm run bench` runs. The tfjs ones are snippets, run through the site's own snippet runtime
 * (worker, backend choice, course module) exactly as a reader's code runs; ConvNetJS runs in the page.
 * Both train the same LeNet-style network on the same MNIST digits with the same batch size, and both are timed
 * the same way (TRAINING_WINDOW): after some warm-up batches, for at least a number of batches and of seconds, so
 * that each is measured in its steady state (a 30-batch window mostly measured tfjs's warm-up on a fast backend).
 */
export const TRAINING_WINDOW = {
  batch: 32,
  warmup: 10,
  minSteps: 30,
  minSeconds: 5,
  /** Batches of digits the runs cycle through (2,048 digits), the same for every runner. */
  poolBatches: 64,
} as const;
export type TrainingWindow = typeof TRAINING_WINDOW;
const {
  batch: BATCH,
  warmup: WARMUP,
  minSteps: MIN_STEPS,
  minSeconds: MIN_SECONDS,
  poolBatches: POOL,
} = TRAINING_WINDOW;

/**
 * A snippet that trains `model` (built by `build`, which may use `zoo`) on MNIST in the training window and prints
 * its sustained rate and trainable parameters. SGD with momentum, as the native runs train.
 */
function tfjsTraining(build: string): string {
  return `import * as tf from '@tensorflow/tfjs';
import { mnist, zoo } from 'course';

const [BATCH, WARMUP, MIN_STEPS, MIN_SECONDS, POOL] = [${BATCH}, ${WARMUP}, ${MIN_STEPS}, ${MIN_SECONDS}, ${POOL}];
const data = await mnist({ split: 'train', limit: BATCH * POOL });
${build}
const optimizer = tf.train.momentum(0.01, 0.9);
model.compile({ optimizer, loss: 'categoricalCrossentropy' });
const step = async (i: number) => {
  const at = (i % POOL) * BATCH;
  const xs = data.xs.slice([at, 0, 0, 0], [BATCH, 28, 28, 1]);
  const ys = data.ys.slice([at, 0], [BATCH, 10]);
  await model.trainOnBatch(xs, ys); // resolves once the loss is read back, so every step really finished
  tf.dispose([xs, ys]);
};
for (let i = 0; i < WARMUP; i++) await step(i);
const start = performance.now();
let steps = 0;
while (steps < MIN_STEPS || performance.now() - start < MIN_SECONDS * 1000) await step(WARMUP + steps++);
const seconds = (performance.now() - start) / 1000;
const params = model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
console.log('BENCH ' + JSON.stringify({ examplesPerSec: (steps * BATCH) / seconds, steps, params }));
optimizer.dispose();
tf.dispose([data.xs, data.ys]);
`;
}

// conv 6@5×5 ReLU, max-pool 2, conv 16@5×5 ReLU, max-pool 2, fc 120 ReLU, fc 84 ReLU, softmax 10; SGD + momentum.
export const TFJS_TRAINING = tfjsTraining(`const model = tf.sequential({ layers: [
  tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, activation: 'relu' }),
  tf.layers.maxPooling2d({ poolSize: 2 }),
  tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }),
  tf.layers.maxPooling2d({ poolSize: 2 }),
  tf.layers.flatten(),
  tf.layers.dense({ units: 120, activation: 'relu' }),
  tf.layers.dense({ units: 84, activation: 'relu' }),
  tf.layers.dense({ units: 10, activation: 'softmax' }),
] });`);

/** The architecture lab's network `name`, as the lab builds it (28×28×1 in, 10 classes), in the same window. */
export const tfjsLabTraining = (name: string) =>
  tfjsTraining(`const model = zoo(${JSON.stringify(name)}, { inputShape: [28, 28, 1], classes: 10 });`);

export const FORWARD_MODELS = ['lenet5', 'mobilenet-v1', 'alexnet', 'resnet18'];
export const FORWARD_MODELS_FULL = [...FORWARD_MODELS, 'preact-resnet18', 'resnet50', 'vgg16'];

export function tfjsForward(models: string[]): string {
  return `import * as tf from '@tensorflow/tfjs';
import { zoo, summary, time } from 'course';

for (const name of ${JSON.stringify(models)}) {
  const model = zoo(name);
  const s = summary(model, { print: false });
  const input = tf.randomNormal([1, ...(s.inputShape as number[])]);
  const { medianMs } = await time(async () => {
    const out = model.predict(input) as tf.Tensor;
    await out.data();
    out.dispose();
  }, 3);
  input.dispose();
  model.dispose();
  console.log('BENCH ' + JSON.stringify({ name, ms: medianMs, macs: s.macs }));
}
`;
}

/** Runs in the page (a browser function, serialised by Playwright): ConvNetJS on the same digits and network. */
export async function convnetjsTraining(args: TrainingWindow & { imagesUrl: string; labelsUrl: string }) {
  type Vol = unknown;
  const cnn = (
    globalThis as unknown as {
      convnetjs: {
        Net: new () => { makeLayers(defs: object[]): void };
        Trainer: new (net: unknown, o: object) => { train(v: Vol, y: number): void };
        Vol: new (w: number, h: number, d: number, c: number) => { w: Float64Array };
      };
    }
  ).convnetjs;
  const [images, labels] = await Promise.all(
    [fetch(args.imagesUrl), fetch(args.labelsUrl)].map(async (r) => new Uint8Array(await (await r).arrayBuffer())),
  );
  const net = new cnn.Net();
  net.makeLayers([
    { type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 },
    { type: 'conv', sx: 5, filters: 6, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'fc', num_neurons: 120, activation: 'relu' },
    { type: 'fc', num_neurons: 84, activation: 'relu' },
    { type: 'softmax', num_classes: 10 },
  ]);
  const trainer = new cnn.Trainer(net, {
    method: 'sgd',
    learning_rate: 0.01,
    momentum: 0.9,
    batch_size: args.batch,
    l2_decay: 0,
  });
  const example = (i: number) => {
    const v = new cnn.Vol(28, 28, 1, 0);
    for (let p = 0; p < 784; p++) v.w[p] = images[i * 784 + p]! / 255;
    return v;
  };
  const pool = args.batch * args.poolBatches;
  const vols = Array.from({ length: pool }, (_, i) => example(i));
  const step = (i: number) => {
    const at = (i % args.poolBatches) * args.batch;
    for (let j = at; j < at + args.batch; j++) trainer.train(vols[j], labels[j]!);
  };
  for (let i = 0; i < args.warmup; i++) step(i);
  const start = performance.now();
  let steps = 0;
  while (steps < args.minSteps || performance.now() - start < args.minSeconds * 1000) step(args.warmup + steps++);
  return { examplesPerSec: (args.batch * steps) / ((performance.now() - start) / 1000), steps };
}
