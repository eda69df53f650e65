// The loss landscape's pieces (networks/landscape.ts): filter-normalised directions and the loss over a grid around
// the weights, on a network small enough to train here in a second.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterNormalisedDirection, gridSteps, lossSurface } from '~/runtime/networks/landscape';

let model: tf.LayersModel;
let xs: tf.Tensor;
let ys: tf.Tensor;
const loss = async () => {
  const value = model.evaluate(xs, ys, { batchSize: 64 }) as tf.Scalar;
  const [v] = await value.data();
  value.dispose();
  return v!;
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  // Two classes of 6×6 pictures: a bright left half or a bright right half, with noise.
  const n = 128;
  const labels = Array.from({ length: n }, (_, i) => i % 2);
  xs = tf.tidy(() => {
    const left = tf.concat([tf.ones([6, 3, 1]), tf.zeros([6, 3, 1])], 1);
    const right = tf.reverse(left, 1);
    const pictures = labels.map((l) => (l ? right : left));
    return tf.stack(pictures).add(tf.randomNormal([n, 6, 6, 1], 0, 0.3, 'float32', 7));
  });
  // Every fourth label is wrong, so the loss has a finite minimum to train to (on cleanly separable classes it falls
  // towards zero for ever as the weights grow, and a step outwards can lower it).
  ys = tf.oneHot(
    tf.tensor1d(
      labels.map((l, i) => (i % 4 === 0 ? 1 - l : l)),
      'int32',
    ),
    2,
  );
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [6, 6, 1],
        filters: 3,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: init(1),
      }),
      tf.layers.batchNormalization(),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(2) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, { epochs: 150, batchSize: 32, shuffle: false, verbose: 0 });
});

afterAll(() => {
  model.dispose();
  tf.dispose([xs, ys]);
});

describe('a filter-normalised direction', () => {
  it('gives each filter of a convolution and each unit of a dense layer the norm of the same filter of θ', () => {
    const direction = filterNormalisedDirection(model, 1);
    model.weights.forEach((variable, i) => {
      const d = direction[i]!;
      const w = variable.read();
      if (!variable.trainable || w.rank < 2) {
        // Biases and batch normalisation stay where they are, as in Li et al.
        expect(d.abs().max().dataSync()[0]).toBe(0);
        return;
      }
      const last = w.shape.at(-1)!;
      const norms = (t: tf.Tensor) => Array.from(t.reshape([-1, last]).norm('euclidean', 0).dataSync());
      norms(d).forEach((n, j) => expect(n).toBeCloseTo(norms(w)[j]!, 4));
      expect(Array.from(d.dataSync())).not.toEqual(Array.from(w.dataSync())); // a direction, not θ itself
    });
    tf.dispose(direction);
  });

  it('is the same for the same seed and another for another', () => {
    const [a, b, c] = [1, 1, 2].map((seed) => filterNormalisedDirection(model, seed));
    expect(Array.from(a![0]!.dataSync())).toEqual(Array.from(b![0]!.dataSync()));
    expect(Array.from(a![0]!.dataSync())).not.toEqual(Array.from(c![0]!.dataSync()));
    tf.dispose([...a!, ...b!, ...c!]);
  });
});

describe('the loss surface', () => {
  it('is the trained loss at the centre, higher all around a trained minimum, and leaves θ as it was', async () => {
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    const trained = await loss();
    const directions = [filterNormalisedDirection(model, 3), filterNormalisedDirection(model, 4)] as const;
    const steps = gridSteps(1, 5);
    expect(steps).toEqual([-1, -0.5, 0, 0.5, 1]);
    let calls = 0;
    const surface = await lossSurface(model, loss, directions, steps, steps, () => calls++);
    expect(calls).toBe(25);
    expect(surface[2]![2]).toBeCloseTo(trained, 5);
    // The control: a network trained to a minimum of this loss is worse a step away in every direction of the grid.
    for (const [r, row] of surface.entries())
      for (const [c, value] of row.entries()) if (r !== 2 || c !== 2) expect(value).toBeGreaterThan(trained);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    tf.dispose([...directions[0], ...directions[1]]);
  }, 30_000);

  it('gives θ back when the loss fails', async () => {
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    const direction = filterNormalisedDirection(model, 5);
    const failing = () => Promise.reject(new Error('out of memory'));
    await expect(lossSurface(model, failing, [direction, null], [1])).rejects.toThrow('out of memory');
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    tf.dispose(direction);
  });
});
