import * as tf from '@tensorflow/tfjs';
import {
  knownDim,
  singleInput,
  singleShape,
  type CostedLayer,
  type Footprint,
  type LayerArgs,
} from './costed-layer.ts';

export interface PartialConv2DArgs extends LayerArgs {
  /** Square kernel side; 'valid' padding, stride 1, as LeNet-5's C3. */
  kernelSize: number;
  /** connections[j] lists the input maps that output map j sees. */
  connections: readonly (readonly number[])[];
}

/**
 * A convolution whose output maps each see only a subset of the input maps
 * (LeNet-5's C3, LeCun et al. 1998, Table I). Each output map has its own
 * kernel over its own inputs plus a bias, so the parameters are exactly
 * sum_j (|connections[j]| * k * k + 1): no masked-out weights are stored.
 */
export class PartialConv2D extends tf.layers.Layer implements CostedLayer {
  static className = 'PartialConv2D';
  readonly isConvolution = true;
  kernelSize: number;
  connections: number[][];
  private kernels: tf.LayerVariable[] = [];
  private offset: tf.LayerVariable | null = null;

  constructor(args: PartialConv2DArgs) {
    super(args);
    this.kernelSize = args.kernelSize;
    this.connections = args.connections.map((inputs) => [...inputs]);
    if (!Number.isInteger(this.kernelSize) || this.kernelSize < 1) {
      throw new Error(`${this.name}: kernelSize must be a positive integer, got ${this.kernelSize}`);
    }
    if (this.connections.length === 0 || this.connections.some((inputs) => inputs.length === 0)) {
      throw new Error(`${this.name}: every output map needs at least one input map`);
    }
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const inputMaps = knownDim(singleShape(inputShape), -1, this.name);
    const k = this.kernelSize;
    this.kernels = this.connections.map((inputs, j) => {
      const bad = inputs.find((i) => !Number.isInteger(i) || i < 0 || i >= inputMaps);
      if (bad !== undefined) {
        throw new Error(
          `${this.name}: output map ${j} connects to input map ${bad}, but the input has maps 0..${inputMaps - 1}`,
        );
      }
      // The paper's initialisation: uniform in +-2.4 / fan-in, and the fan-in differs per map here.
      const limit = 2.4 / (inputs.length * k * k);
      const init = tf.initializers.randomUniform({ minval: -limit, maxval: limit });
      return this.addWeight(`kernel_${j}`, [k, k, inputs.length, 1], 'float32', init);
    });
    this.offset = this.addWeight('bias', [this.connections.length], 'float32', tf.initializers.zeros());
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, height, width] = singleShape(inputShape);
    const shrink = (d: number | null) => (d === null ? null : d - this.kernelSize + 1);
    return [batch, shrink(height), shrink(width), this.connections.length];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const { offset } = this;
    if (offset === null) throw new Error(`${this.name}: called before it was built`);
    return tf.tidy(() => {
      const x = singleInput(inputs) as tf.Tensor4D;
      const maps = this.connections.map((inputMaps, j) =>
        tf.conv2d(tf.gather(x, inputMaps, 3), this.kernels[j].read() as tf.Tensor4D, 1, 'valid'),
      );
      return tf.add(tf.concat(maps, 3), offset.read());
    });
  }

  countMacs(_inputShape: readonly number[], [height, width]: readonly number[]): number {
    const k = this.kernelSize;
    const taps = this.connections.reduce((sum, inputs) => sum + inputs.length, 0);
    return height * width * k * k * taps;
  }

  footprint(): Footprint {
    return { kernel: this.kernelSize, stride: 1 };
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), kernelSize: this.kernelSize, connections: this.connections };
  }
}
tf.serialization.registerClass(PartialConv2D);
