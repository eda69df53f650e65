import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixMomentumDispose } from '~/runtime/fixes/optimizer-dispose';

/** One step of an optimizer on one variable, then dispose: how many tensors are left over. */
function tensorsLeftBy(makeOptimizer: () => tf.Optimizer): number {
  const weight = tf.variable(tf.ones([3]));
  const before = tf.memory().numTensors;
  const optimizer = makeOptimizer();
  optimizer.minimize(() => weight.square().sum() as tf.Scalar);
  optimizer.dispose();
  const left = tf.memory().numTensors - before;
  weight.dispose();
  return left;
}

describe('the tfjs fixes', () => {
  beforeAll(() => tf.setBackend('cpu'));

  it("tfjs 4.22's momentum optimizer leaks its learning rate on dispose without the fix (remove the fix when this fails)", () => {
    expect(tensorsLeftBy(() => tf.train.momentum(0.1, 0.9))).toBe(1);
  });

  it('with the fix, a disposed momentum optimizer (Nesterov or not) leaves nothing behind', () => {
    fixMomentumDispose();
    fixMomentumDispose();
    expect(tensorsLeftBy(() => tf.train.momentum(0.1, 0.9))).toBe(0);
    expect(tensorsLeftBy(() => tf.train.momentum(0.1, 0.9, true))).toBe(0);
    expect(tensorsLeftBy(() => tf.train.sgd(0.1))).toBe(0);
  });
});
