import * as tf from '@tensorflow/tfjs';
import { singleInput, type LayerArgs } from './costed-layer.ts';

export interface LocalResponseNormalizationArgs extends LayerArgs {
  /** Half-width of the channel window: the window spans 2 * depthRadius + 1 maps (the paper's n). */
  depthRadius?: number;
  /** The paper's k. */
  bias?: number;
  /** The paper's alpha, applied to the plain sum of squares (not divided by n, unlike Caffe). */
  alpha?: number;
  /** The paper's beta. */
  beta?: number;
}

/**
 * Local response normalisation across channels (Krizhevsky et al. 2012, section 3.3):
 * b = a / (k + alpha * sum of a^2 over n adjacent maps)^beta. tf.layers has no
 * LRN layer, only the op; defaults are the paper's k = 2, n = 5, alpha = 1e-4, beta = 0.75.
 */
export class LocalResponseNormalization extends tf.layers.Layer {
  static className = 'LocalResponseNormalization';
  depthRadius: number;
  bias: number;
  alpha: number;
  beta: number;

  constructor(args: LocalResponseNormalizationArgs = {}) {
    super(args);
    this.depthRadius = args.depthRadius ?? 2;
    this.bias = args.bias ?? 2;
    this.alpha = args.alpha ?? 1e-4;
    this.beta = args.beta ?? 0.75;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() =>
      tf.localResponseNormalization(
        singleInput(inputs) as tf.Tensor4D,
        this.depthRadius,
        this.bias,
        this.alpha,
        this.beta,
      ),
    );
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { depthRadius, bias, alpha, beta } = this;
    return { ...super.getConfig(), depthRadius, bias, alpha, beta };
  }
}
tf.serialization.registerClass(LocalResponseNormalization);
