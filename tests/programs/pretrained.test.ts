// The LeNet-5 the site ships (assets/networks/mnist/lenet5/, from `npm run pretrain`) and the digit pad's program that uses it.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { convertMnist } from '~/integrations/mnist-asset';
import { DATASETS } from '~/runtime/data/dataset-format';
import { loadShippedNetwork } from '~/runtime/data/pretrained';
import { chooseBackend } from '~/runtime/host/backends';
import type { WorkerEvent } from '~/runtime/protocol';
import { WASM_DIR, jobRunner, nodeAssetLoader } from '../helpers/snippets';
import { english } from '../helpers/words';

const handler = jobRunner;

/** Test digit `i` of the site's split (the last 2,000 of the converted digits), as 0-1 pixels. */
function testDigit(i: number): number[] {
  const { images } = convertMnist();
  const start = (DATASETS.mnist.trainCount + i) * 784;
  return Array.from(images.subarray(start, start + 784), (v) => v / 255);
}

describe('the shipped LeNet-5', () => {
  it('reads a test digit on the digit pad: ten probabilities that sum to 1, and the C1 and C3 maps', async () => {
    const run = await handler();
    const events = await run({ type: 'read-digit', pixels: testDigit(0), network: 'lenet5' });
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    const reading = events.find((e) => e.type === 'digit-reading') as Extract<WorkerEvent, { type: 'digit-reading' }>;
    expect(reading.probabilities).toHaveLength(10);
    expect(reading.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(english(reading.about)).toMatch(/ships \(\d+\.\d+% on the 2,000 test digits\)/);
    const titles = events.flatMap((e) => (e.type === 'gallery' ? [english(e.title)] : []));
    expect(titles).toEqual([
      'first convolution (c1): 6 feature maps of 28×28',
      'second convolution (c3): 16 feature maps of 10×10',
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'done', tensorDelta: 0 });
    const untrained = await run({ type: 'read-digit', pixels: testDigit(0), network: 'trained' });
    const error = untrained.find((e) => e.type === 'error') as Extract<WorkerEvent, { type: 'error' }>;
    expect(english(error.message)).toMatch(/No trained network on this page yet/);
  }, 60_000);

  /** Accuracy in percent on the site's 2,000 test digits, standardised as in training. */
  async function testAccuracy(model: tf.LayersModel, mean: number, std: number): Promise<number> {
    const { images, labels } = convertMnist();
    const xs = tf.tidy(() =>
      tf
        .tensor4d(
          Float32Array.from(images.subarray(DATASETS.mnist.trainCount * 784), (v) => v / 255),
          [2_000, 28, 28, 1],
        )
        .sub(mean)
        .div(std),
    );
    const guesses = tf.tidy(() => (model.predict(xs, { batchSize: 500 }) as tf.Tensor).argMax(1));
    const predicted = await guesses.data();
    tf.dispose([xs, guesses]);
    const correct = Array.from(labels.subarray(DATASETS.mnist.trainCount)).filter(
      (label, i) => predicted[i] === label,
    ).length;
    return Math.round((10_000 * correct) / 2_000) / 100;
  }

  it('reaches the accuracy it states, at least 98.5% on the 2,000 held-out test digits', async () => {
    await chooseBackend('wasm', WASM_DIR);
    const shipped = await loadShippedNetwork(await nodeAssetLoader().then((l) => l('/')), 'lenet5');
    expect(shipped.testAccuracy).toBeGreaterThanOrEqual(98.5);
    expect(await testAccuracy(shipped.model, shipped.mean, shipped.std)).toBe(shipped.testAccuracy);
    shipped.model.dispose();
  }, 60_000);
});
