import * as tf from '@tensorflow/tfjs';
import {
  knownDim,
  product,
  singleInput,
  singleShape,
  type CostedLayer,
  type Footprint,
  type LayerArgs,
} from './costed-layer.ts';

export interface SubsamplingArgs extends LayerArgs {
  /** Side of the non-overlapping window; LeNet-5 uses 2. */
  poolSize?: number;
}

/**
 * LeNet-5's trainable subsampling (S2, S4): per map, the sum of each
 * non-overlapping window times one trainable coefficient plus one trainable
 * bias, so 2 parameters per map (LeCun et al. 1998, section II.B).
 */
export class Subsampling extends tf.layers.Layer implements CostedLayer {
  static className = 'Subsampling';
  readonly isConvolution = false;
  poolSize: number;
  private coefficient: tf.LayerVariable | null = null;
  private offset: tf.LayerVariable | null = null;

  constructor(args: SubsamplingArgs = {}) {
    super(args);
    this.poolSize = args.poolSize ?? 2;
    if (!Number.isInteger(this.poolSize) || this.poolSize < 1) {
      throw new Error(`${this.name}: poolSize must be a positive integer, got ${this.poolSize}`);
    }
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const maps = knownDim(singleShape(inputShape), -1, this.name);
    // The paper draws initial weights uniformly in +-2.4 / fan-in (appendix A).
    const limit = 2.4 / (this.poolSize * this.poolSize);
    const init = tf.initializers.randomUniform({ minval: -limit, maxval: limit });
    this.coefficient = this.addWeight('coefficient', [maps], 'float32', init);
    this.offset = this.addWeight('bias', [maps], 'float32', tf.initializers.zeros());
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, height, width, maps] = singleShape(inputShape);
    const p = this.poolSize;
    return [
      batch,
      height === null ? null : Math.floor(height / p),
      width === null ? null : Math.floor(width / p),
      maps,
    ];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const { coefficient, offset } = this;
    if (coefficient === null || offset === null) throw new Error(`${this.name}: called before it was built`);
    return tf.tidy(() => {
      const p = this.poolSize;
      const windowSum = tf.mul(tf.avgPool(singleInput(inputs) as tf.Tensor4D, p, p, 'valid'), p * p);
      return tf.add(tf.mul(windowSum, coefficient.read()), offset.read());
    });
  }

  /** One multiply per output (the coefficient); the window sum is additions only. */
  countMacs(_inputShape: readonly number[], outputShape: readonly number[]): number {
    return product(outputShape);
  }

  footprint(): Footprint {
    return { kernel: this.poolSize, stride: this.poolSize };
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), poolSize: this.poolSize };
  }
}
tf.serialization.registerClass(Subsampling);
