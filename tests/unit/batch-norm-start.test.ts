// fixes/batch-norm-start.ts: a batch norm's moving statistics average the batches from the first step on.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { averageBatchNormFromStart } from '~/runtime/fixes/batch-norm-start';

beforeAll(() => tf.setBackend('cpu'));

function network() {
  const input = tf.input({ shape: [4] });
  const normed = tf.layers.batchNormalization({ momentum: 0.9 }).apply(input) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(normed) as tf.SymbolicTensor });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
}
const movingVariance = async (model: tf.LayersModel) => Array.from(await model.layers[1]!.getWeights()[3]!.data());

describe('averageBatchNormFromStart', () => {
  it('makes the moving statistics the mean of the batches so far, then keeps the layer own momentum', async () => {
    const model = network();
    const before = averageBatchNormFromStart(model);
    // Variance 4 in every column: without the fix the first step leaves 0.9 * 1 + 0.1 * 4 = 1.3.
    const x = tf.tensor2d([-2, -2, -2, -2, 2, 2, 2, 2], [2, 4]);
    before(0);
    await model.trainOnBatch(x, tf.zeros([2, 1]));
    for (const v of await movingVariance(model)) expect(v).toBeCloseTo(4, 4);
    before(1);
    expect((model.layers[1] as unknown as { momentum: number }).momentum).toBe(0.5);
    before(50);
    expect((model.layers[1] as unknown as { momentum: number }).momentum).toBe(0.9);
  });

  it('leaves the start in place without it (the control)', async () => {
    const model = network();
    await model.trainOnBatch(tf.tensor2d([-2, -2, -2, -2, 2, 2, 2, 2], [2, 4]), tf.zeros([2, 1]));
    for (const v of await movingVariance(model)) expect(v).toBeCloseTo(1.3, 4);
  });
});
