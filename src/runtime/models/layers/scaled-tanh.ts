import * as tf from '@tensorflow/tfjs';
import { singleInput, type LayerArgs } from './costed-layer.ts';

/** LeCun et al. 1998, appendix A: A = 1.7159 and S = 2/3 make f(1) = 1 and f(-1) = -1. */
export const LECUN_AMPLITUDE = 1.7159;
export const LECUN_SLOPE = 2 / 3;

export interface ScaledTanhArgs extends LayerArgs {
  /** A in f(a) = A tanh(S a). */
  amplitude?: number;
  /** S in f(a) = A tanh(S a). */
  slope?: number;
}

/** The squashing function of LeNet-5, f(a) = A tanh(S a); no parameters. */
export class ScaledTanh extends tf.layers.Layer {
  static className = 'ScaledTanh';
  amplitude: number;
  slope: number;

  constructor(args: ScaledTanhArgs = {}) {
    super(args);
    this.amplitude = args.amplitude ?? LECUN_AMPLITUDE;
    this.slope = args.slope ?? LECUN_SLOPE;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.mul(tf.tanh(tf.mul(singleInput(inputs), this.slope)), this.amplitude));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), amplitude: this.amplitude, slope: this.slope };
  }
}
tf.serialization.registerClass(ScaledTanh);
