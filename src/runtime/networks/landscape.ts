/**
 * The loss landscape around a network's weights, as Li, Xu, Taylor, Studer & Goldstein draw it ("Visualizing the
 * loss landscape of neural nets", NeurIPS 2018): the loss at θ + α·δ + β·η over a grid of (α, β), where δ and η are
 * random Gaussian directions, each filter of which is rescaled to the norm of the same filter of θ ("filter
 * normalisation"), so that a step of 1 means the same relative change for every filter whatever its scale. As in
 * the paper, the directions are zero for biases and for batch normalisation's parameters and statistics: those are
 * not moved.
 */
import * as tf from '@tensorflow/tfjs';

/** A seeded direction per weight of `model`, in `model.weights` order: filter-normalised, or zero. */
export function filterNormalisedDirection(model: tf.LayersModel, seed: number): tf.Tensor[] {
  return tf.tidy(() =>
    model.weights.map((variable, i) => {
      const weight = variable.read();
      // One filter per output (the last axis): a convolution's [kh, kw, in, out] kernel or a dense [in, out] one. A
      // depthwise kernel [kh, kw, in, multiplier] has one filter per input channel and multiplier.
      if (!variable.trainable || weight.rank < 2) return tf.zerosLike(weight);
      const depthwise = /depthwise_kernel/.test(variable.originalName);
      const last = depthwise ? weight.shape.at(-2)! * weight.shape.at(-1)! : weight.shape.at(-1)!;
      const filters = weight.reshape([-1, last]);
      const random = tf.randomNormal(filters.shape, 0, 1, 'float32', seed * 1_000 + i);
      const scale = filters.norm('euclidean', 0).div(random.norm('euclidean', 0).maximum(1e-12));
      return random.mul(scale).reshape(weight.shape);
    }),
  );
}

/**
 * The loss at θ + α·first + β·second for every (α, β) in `alphas` × `betas` (rows are β, columns α), with `loss`
 * measured on the model as it stands; the model gets θ back afterwards, also when `loss` throws.
 */
export async function lossSurface(
  model: tf.LayersModel,
  loss: () => Promise<number>,
  [first, second]: readonly [tf.Tensor[], tf.Tensor[] | null],
  alphas: readonly number[],
  betas: readonly number[] = [0],
  onPoint?: (done: number, total: number) => void,
): Promise<number[][]> {
  const theta = model.weights.map((v) => v.read().clone());
  const rows: number[][] = [];
  try {
    for (const [r, beta] of betas.entries()) {
      const row: number[] = [];
      for (const [c, alpha] of alphas.entries()) {
        const moved = tf.tidy(() =>
          theta.map((t, i) => {
            let w = t.add(first[i]!.mul(alpha));
            if (second) w = w.add(second[i]!.mul(beta));
            return w;
          }),
        );
        model.setWeights(moved);
        tf.dispose(moved);
        row.push(await loss());
        onPoint?.(r * alphas.length + c + 1, alphas.length * betas.length);
      }
      rows.push(row);
    }
  } finally {
    model.setWeights(theta);
    tf.dispose(theta);
  }
  return rows;
}

/** `count` evenly spaced steps from -span to span (an odd count puts 0, the trained weights, in the middle). */
export function gridSteps(span: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (count === 1 ? 0 : -span + (2 * span * i) / (count - 1)));
}
