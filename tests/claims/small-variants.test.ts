import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildZooModel } from '../../src/runtime/models/index.ts';
import { ZOO_TABLE, type SmallVariant } from '../helpers/zoo-table.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SMALL = ZOO_TABLE.flatMap(([name, , , , , small]) => (small === null ? [] : [[name, small] as const]));

/**
 * Softmax models: cross-entropy. LeNet-5 (1998) outputs RBF distances, so its loss
 * is the paper's: the distance to the correct class's prototype (eq. 8).
 */
function loss(model: tf.LayersModel, output: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  const last = model.layers[model.layers.length - 1].getClassName();
  if (last === 'RbfOutput') return tf.mean(tf.sum(tf.mul(labels, output), -1));
  return tf.mean(tf.metrics.categoricalCrossentropy(labels, output));
}

function batchOf({ inputShape, classes, batch }: SmallVariant): { x: tf.Tensor; labels: tf.Tensor } {
  return tf.tidy(() => ({
    x: tf.randomNormal([batch, ...inputShape], 0, 1, 'float32', 7),
    labels: tf
      .oneHot(
        tf.tensor1d(
          Array.from({ length: batch }, (_, i) => i % classes),
          'int32',
        ),
        classes,
      )
      .toFloat(),
  }));
}

describe.each(SMALL)('%s, small', (name, small) => {
  it(`runs forward and backward on a ${small.inputShape.join('x')} batch of ${small.batch}`, () => {
    const { inputShape, classes, widthMultiplier } = small;
    const model = buildZooModel(name, { inputShape, classes, widthMultiplier });
    const { x, labels } = batchOf(small);
    try {
      const output = model.predict(x) as tf.Tensor;
      expect(output.shape).toEqual([small.batch, classes]);
      expect(tf.all(tf.isFinite(output)).dataSync()[0]).toBe(1);
      output.dispose();

      const weights = model.trainableWeights;
      const variables = weights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(
        () => loss(model, model.apply(x, { training: true }) as tf.Tensor, labels),
        variables,
      );
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      // Every trainable weight gets a finite gradient of its own shape, and they are not all zero.
      let squaredNorm = 0;
      for (const variable of variables) {
        const grad = grads[variable.name];
        expect(grad?.shape, variable.name).toEqual(variable.shape);
        expect(tf.all(tf.isFinite(grad)).dataSync()[0], variable.name).toBe(1);
        squaredNorm += tf.sum(tf.square(grad)).dataSync()[0];
      }
      expect(squaredNorm).toBeGreaterThan(0);
      tf.dispose([value, ...Object.values(grads)]);
    } finally {
      tf.dispose([x, labels]);
      model.dispose();
    }
  });
});
