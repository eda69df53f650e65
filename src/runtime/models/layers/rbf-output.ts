import * as tf from '@tensorflow/tfjs';
import { knownDim, singleInput, singleShape, type CostedLayer, type LayerArgs } from './costed-layer.ts';

export interface RbfOutputArgs extends LayerArgs {
  /** prototypes[i]: the fixed code of class i, one value per input unit. */
  prototypes: readonly (readonly number[])[];
}

/**
 * LeNet-5's output layer of Euclidean radial basis functions (LeCun et al. 1998,
 * section II.B): y_i = sum_j (x_j - w_ij)^2, the squared distance between the
 * input and class i's prototype. The prototypes are fixed, so they are stored as
 * non-trainable weights; smaller outputs mean more likely classes.
 */
export class RbfOutput extends tf.layers.Layer implements CostedLayer {
  static className = 'RbfOutput';
  readonly isConvolution = false;
  prototypes: number[][];
  private centres: tf.LayerVariable | null = null;

  constructor(args: RbfOutputArgs) {
    super(args);
    this.prototypes = args.prototypes.map((code) => [...code]);
    const width = this.prototypes[0]?.length ?? 0;
    if (width === 0 || this.prototypes.some((code) => code.length !== width)) {
      throw new Error(`${this.name}: prototypes must be non-empty rows of equal length`);
    }
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const units = knownDim(singleShape(inputShape), -1, this.name);
    const width = this.prototypes[0].length;
    if (units !== width)
      throw new Error(`${this.name}: prototypes have ${width} values but the input has ${units} units`);
    this.centres = this.addWeight(
      'prototypes',
      [units, this.prototypes.length],
      'float32',
      tf.initializers.zeros(),
      undefined,
      false,
    );
    const codes = tf.tidy(() => tf.transpose(tf.tensor2d(this.prototypes)));
    this.centres.write(codes);
    codes.dispose();
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [singleShape(inputShape)[0], this.prototypes.length];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const { centres } = this;
    if (centres === null) throw new Error(`${this.name}: called before it was built`);
    return tf.tidy(() => {
      const x = singleInput(inputs) as tf.Tensor2D;
      // [batch, units, 1] - [units, classes] broadcasts to [batch, units, classes].
      return tf.sum(tf.square(tf.sub(tf.expandDims(x, 2), centres.read())), 1);
    });
  }

  /** One multiply-accumulate (the square) per input unit and class. */
  countMacs(inputShape: readonly number[]): number {
    return inputShape[inputShape.length - 1] * this.prototypes.length;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), prototypes: this.prototypes };
  }
}
tf.serialization.registerClass(RbfOutput);
