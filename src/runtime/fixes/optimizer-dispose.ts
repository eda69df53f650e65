/**
 * tfjs-core 4.22 `optimizers/momentum_optimizer.ts`: `MomentumOptimizer.dispose()` frees its momentum scalar
 * and accumulators but not the learning-rate scalar its parent `SGDOptimizer` keeps, so every disposed momentum
 * optimizer leaks one tensor. This adds the parent's clean-up; tests/unit/tfjs-fixes.test.ts fails if tfjs
 * changes the behaviour (then this file can go).
 */
import * as tf from '@tensorflow/tfjs';

let installed = false;

/** Makes `tf.train.momentum(…).dispose()` free everything the optimizer allocated. Idempotent. */
export function fixMomentumDispose(): void {
  if (installed) return;
  installed = true;
  const prototype = tf.MomentumOptimizer.prototype;
  const disposeOwnState = prototype.dispose;
  prototype.dispose = function (this: tf.MomentumOptimizer) {
    disposeOwnState.call(this);
    tf.SGDOptimizer.prototype.dispose.call(this); // the learning-rate scalar; disposing twice is harmless
  };
}
