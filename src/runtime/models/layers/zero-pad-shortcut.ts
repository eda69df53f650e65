import * as tf from '@tensorflow/tfjs';
import {
  knownDim,
  singleInput,
  singleShape,
  type CostedLayer,
  type Footprint,
  type LayerArgs,
} from './costed-layer.ts';

export interface ZeroPadShortcutArgs extends LayerArgs {
  /** Spatial subsampling: keeps every stride-th pixel. */
  stride: number;
  /** Output channels; the extra ones are zeros. */
  filters: number;
}

/**
 * The parameter-free "option A" shortcut of He et al. 2015 (section 4.2, CIFAR):
 * identity subsampled by the stride, with zero maps appended for the extra
 * channels, as fb.resnet.torch's shortcut type A does.
 */
export class ZeroPadShortcut extends tf.layers.Layer implements CostedLayer {
  static className = 'ZeroPadShortcut';
  readonly isConvolution = false;
  stride: number;
  filters: number;

  constructor(args: ZeroPadShortcutArgs) {
    super(args);
    this.stride = args.stride;
    this.filters = args.filters;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const channels = knownDim(singleShape(inputShape), -1, this.name);
    if (channels > this.filters) {
      throw new Error(`${this.name}: can only add channels, got ${channels} in and ${this.filters} out`);
    }
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, height, width] = singleShape(inputShape);
    const sub = (d: number | null) => (d === null ? null : Math.ceil(d / this.stride));
    return [batch, sub(height), sub(width), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = singleInput(inputs) as tf.Tensor4D;
      // A 1x1 average pool with a stride is exactly "take every stride-th pixel", and has a gradient.
      const subsampled = this.stride === 1 ? x : tf.avgPool(x, 1, this.stride, 'valid');
      return tf.pad(subsampled, [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, this.filters - x.shape[3]],
      ]);
    });
  }

  countMacs(): number {
    return 0;
  }

  footprint(): Footprint {
    return { kernel: 1, stride: this.stride };
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), stride: this.stride, filters: this.filters };
  }
}
tf.serialization.registerClass(ZeroPadShortcut);
