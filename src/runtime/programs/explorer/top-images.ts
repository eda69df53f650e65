/**
 * The test digits that excite one channel of a layer most: every one of the 2,000 test digits run through the
 * model up to that layer, the channel's mean activation over its map (or the unit's value, for a flat layer), and
 * the nine highest. Each (model, size, layer, weights) is computed once per session: any other channel of the same
 * layer is then instant.
 */
import * as tf from '@tensorflow/tfjs';
import { courseFor } from '../../course/course-module.ts';
import type { Program, ProgramContext } from '../../host/program.ts';
import { ReaderError } from '../../host/reader-error.ts';
import { standardise } from '../../networks/kept-lenet.ts';
import { words, type WorkerRequest } from '../../protocol/index.ts';
import { buildModel } from './program.ts';

type Request = Extract<WorkerRequest, { type: 'top-images' }>;

/** How many the explorer shows, and how many digits go through the model at a time (Stop is honoured between). */
const TOP = 9;
const BATCH = 100;

/** Per (model, size, layer, weights): each test digit's mean activation per channel, digit-major. */
const cache = new Map<string, { channels: number; means: Float32Array }>();

export function topImagesProgram(request: Request): Program {
  return { run: (context) => showTop(context, request) };
}

async function showTop(context: ProgramContext, request: Request): Promise<void> {
  const course = courseFor(context);
  const { model, standardisation, weights } = await buildModel(course, context, request);
  const [height, width, depth] = model.inputs[0]!.shape.slice(1) as number[];
  if (height !== 28 || width !== 28 || depth !== 1)
    throw new ReaderError(words('explorer.top.digitsOnly', { model: request.model }));
  const layer = model.getLayer(request.layer); // throws, naming the layer, if the model has none of that name
  const channels = (layer.outputShape as number[]).at(-1)!;
  if (!Number.isInteger(request.channel) || request.channel < 0 || request.channel >= channels)
    throw new ReaderError(
      words('explorer.top.noChannel', { layer: layer.name, channels, channel: request.channel + 1 }),
    );
  const test = await course.mnist({ split: 'test' });
  // The weights' words and a sum over all of them: a network trained again under the same words is measured again.
  const fingerprint = tf.tidy(() => tf.addN(model.getWeights().map((w) => w.abs().sum())).dataSync()[0]);
  const key = JSON.stringify([request.model, request.inputSize, layer.name, weights, fingerprint]);
  let measured = cache.get(key);
  if (!measured) {
    const probe = tf.model({ inputs: model.inputs, outputs: layer.output as tf.SymbolicTensor });
    const n = test.labels.length;
    const means = new Float32Array(n * channels);
    for (let start = 0; start < n; start += BATCH) {
      course.checkStop();
      course.progress(start, n, words('explorer.top.progress', { layer: layer.name }));
      const batch = tf.tidy(() => {
        const xs = test.xs.slice([start, 0, 0, 0], [Math.min(BATCH, n - start), 28, 28, 1]);
        const out = probe.predict(standardisation ? standardise(xs, standardisation) : xs) as tf.Tensor;
        return out.rank === 4 ? out.mean([1, 2]) : out;
      });
      means.set((await batch.data()) as Float32Array, start * channels);
      batch.dispose();
      await tf.nextFrame();
    }
    measured = { channels, means };
    cache.set(key, measured);
  }
  const { means } = measured;
  const order = test.labels
    .map((_, i) => i)
    .sort((a, b) => means[b * channels + request.channel]! - means[a * channels + request.channel]!)
    .slice(0, TOP);
  const pixels = tf.tidy(() => tf.gather(test.xs, order).reshape([TOP, 28 * 28]));
  const images = (await pixels.data()) as Float32Array;
  tf.dispose([pixels, test.xs, test.ys]);
  context.run.emit({
    type: 'top-images',
    runId: context.run.runId,
    layer: layer.name,
    channel: request.channel,
    images: order.map((index, k) => ({
      index,
      label: test.labels[index]!,
      activation: means[index * channels + request.channel]!,
      pixels: images.slice(k * 784, (k + 1) * 784),
    })),
  });
}
