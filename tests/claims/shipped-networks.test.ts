// Each network the site ships reaches the held-out accuracy its record states (the digit pad and the explorer
// quote it): measured here on the site's 2,000 test digits, the file loaded as a reader's run loads it, the digits
// standardised with the record's mean and deviation. tests/programs/shipped-networks.test.ts checks the rest.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { convertMnist } from '~/integrations/mnist-asset';
import { DATASETS } from '~/runtime/data/dataset-format';
import { loadShippedNetwork } from '~/runtime/data/pretrained';
import { chooseBackend } from '~/runtime/host/backends';
import { SHIPPED_NETWORKS } from '~/runtime/protocol/shipped-networks';
import { nodeAssetLoader, WASM_DIR } from '../helpers/snippets';

describe('the shipped networks', () => {
  it.each(SHIPPED_NETWORKS)('%s scores on the 2,000 test digits what its record says', async (name) => {
    await chooseBackend('wasm', WASM_DIR);
    const shipped = await loadShippedNetwork(await nodeAssetLoader().then((l) => l('/')), name);
    const { images, labels } = convertMnist();
    const first = DATASETS.mnist.trainCount;
    const xs = tf.tidy(() =>
      tf
        .tensor4d(
          Float32Array.from(images.subarray(first * 784), (v) => v / 255),
          [labels.length - first, 28, 28, 1],
        )
        .sub(shipped.mean)
        .div(shipped.std),
    );
    const guesses = tf.tidy(() => (shipped.model.predict(xs, { batchSize: 250 }) as tf.Tensor).argMax(1));
    const predicted = await guesses.data();
    tf.dispose([xs, guesses]);
    shipped.model.dispose();
    const correct = Array.from(labels.subarray(first)).filter((label, i) => predicted[i] === label).length;
    expect(labels.length - first).toBe(2_000);
    expect(Math.round((10_000 * correct) / 2_000) / 100).toBe(shipped.testAccuracy);
  });
});
