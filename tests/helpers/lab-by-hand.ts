/**
 * The architecture lab's networks counted by hand from their configurations, without tfjs, for the zoo table and
 * tests/unit/lab-architectures.test.ts. The conventions are the summary's (src/runtime/summary/layer-cost.ts):
 * a convolution costs output pixels x output channels x k x k x input channels MACs (a depthwise one x 1 instead
 * of x input channels), a dense layer inputs x outputs; biases, batch norm, pooling, padding and additions cost
 * none. A batch norm holds 4 numbers per channel: gamma and beta trainable, the moving mean and variance not.
 */
export interface Counts {
  readonly trainable: number;
  readonly nonTrainable: number;
  readonly macs: number;
}

/** Adds up a network layer by layer; `side` is the layer's square output size. */
class Tally {
  trainable = 0;
  nonTrainable = 0;
  macs = 0;

  conv(side: number, kernel: number, cin: number, cout: number, bias: boolean): this {
    this.trainable += kernel * kernel * cin * cout + (bias ? cout : 0);
    this.macs += side * side * cout * kernel * kernel * cin;
    return this;
  }

  depthwise(side: number, kernel: number, channels: number): this {
    this.trainable += kernel * kernel * channels;
    this.macs += side * side * channels * kernel * kernel;
    return this;
  }

  bn(channels: number): this {
    this.trainable += 2 * channels;
    this.nonTrainable += 2 * channels;
    return this;
  }

  dense(inputs: number, outputs: number): this {
    this.trainable += inputs * outputs + outputs;
    this.macs += inputs * outputs;
    return this;
  }

  counts(): Counts {
    return { trainable: this.trainable, nonTrainable: this.nonTrainable, macs: this.macs };
  }
}

type Input = readonly [number, number, number];
const MNIST: Input = [28, 28, 1];
const CLASSES = 10;
/** A 3x3 window at stride 2 without padding (overlapping max pooling), and a 2x2 one. */
const pool3 = (side: number) => Math.floor((side - 3) / 2) + 1;
const pool2 = (side: number) => Math.floor(side / 2);
/** A stride-2 layer padded as 'same' or by (k - 1) / 2 on each side halves a side rounding up. */
const half = (side: number) => Math.ceil(side / 2);

/** lenet5 (modern): 28x28 padded to 32; C1 5x5 6 -> 28, pool 14, C3 5x5 16 -> 10, pool 5, C5 5x5 120 -> 1, F6 84. */
export function lenet5ByHand(): Counts {
  return new Tally()
    .conv(28, 5, 1, 6, true)
    .conv(10, 5, 6, 16, true)
    .conv(1, 5, 16, 120, true)
    .dense(120, 84)
    .dense(84, CLASSES)
    .counts();
}

/** alexnet-mnist: conv1 5x5/2 pad 2 32 (28 -> 14), pool 3/2 (6), conv2 3x3 64, conv3 3x3 96, pool 3/2 (2), fc 128. */
export function alexnetMnistByHand([side, , channels]: Input = MNIST): Counts {
  const s1 = Math.floor((side + 4 - 5) / 2) + 1;
  const s2 = pool3(s1);
  const s3 = pool3(s2);
  return new Tally()
    .conv(s1, 5, channels, 32, true)
    .conv(s2, 3, 32, 64, true)
    .conv(s2, 3, 64, 96, true)
    .dense(s3 * s3 * 96, 128)
    .dense(128, CLASSES)
    .counts();
}

/** vgg8-mnist: [32,32]-pool-[64,64]-pool-[128,128]-pool of 3x3 'same' convolutions (28 -> 14 -> 7 -> 3), fc 128. */
export function vgg8MnistByHand([side, , channels]: Input = MNIST): Counts {
  const tally = new Tally();
  let s = side;
  let cin = channels;
  for (const filters of [32, 64, 128]) {
    tally.conv(s, 3, cin, filters, true).conv(s, 3, filters, filters, true);
    cin = filters;
    s = pool2(s);
  }
  return tally
    .dense(s * s * 128, 128)
    .dense(128, CLASSES)
    .counts();
}

/**
 * The CIFAR networks of He et al. (6n + 2 layers): a 3x3 stem of 16, three stages of n basic units of two 3x3
 * convolutions (16, 32, 64 filters; the first unit of stages 2 and 3 strides 2), no conv bias, option-A shortcuts
 * (no weights), global average pooling, fc 10. 'v1' and 'plain' put a BN after every convolution; 'preact' puts
 * one before each unit's two convolutions (on the unit's input channels) and one before the pooling.
 */
export function cifarByHand(depth: number, unit: 'v1' | 'plain' | 'preact', [side, , channels]: Input): Counts {
  const n = (depth - 2) / 6;
  const tally = new Tally().conv(side, 3, channels, 16, false);
  if (unit !== 'preact') tally.bn(16);
  let s = side;
  let cin = 16;
  [16, 32, 64].forEach((width, stage) => {
    for (let u = 0; u < n; u++) {
      if (stage > 0 && u === 0) s = half(s);
      if (unit === 'preact') tally.bn(cin);
      tally.conv(s, 3, cin, width, false).bn(width).conv(s, 3, width, width, false);
      if (unit !== 'preact') tally.bn(width);
      cin = width;
    }
  });
  if (unit === 'preact') tally.bn(64);
  return tally.dense(64, CLASSES).counts();
}

/**
 * mobilenet-v1-mnist at width multiplier 1: a 3x3 stem of 32 at stride 1, then Table 1's first five depthwise
 * separable layers (pointwise 64, 128/2, 128, 256/2, 256), each conv without bias and followed by a BN, fc 10.
 */
export function mobilenetMnistByHand([side, , channels]: Input = MNIST): Counts {
  const tally = new Tally().conv(side, 3, channels, 32, false).bn(32);
  let s = side;
  let cin = 32;
  for (const [filters, stride] of [
    [64, 1],
    [128, 2],
    [128, 1],
    [256, 2],
    [256, 1],
  ] as const) {
    if (stride === 2) s = half(s);
    tally.depthwise(s, 3, cin).bn(cin).conv(s, 1, cin, filters, false).bn(filters);
    cin = filters;
  }
  return tally.dense(256, CLASSES).counts();
}
