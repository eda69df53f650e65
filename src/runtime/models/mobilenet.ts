import * as tf from '@tensorflow/tfjs';
import { checkClasses, checkInputShape, checkInputSize, checkOneOf, checkRate, type Reduction } from './checks.ts';
import { batchNorm, connect, finishModel, imageInput, relu, type Sym } from './building-blocks.ts';
import { citePaper, PAPERS } from './papers.ts';
import { quantity, words } from '../protocol/words.ts';

// pointwise filters, depthwise stride (the 13 depthwise-separable layers of Table 1)
const MOBILENET_V1_BLOCKS = [
  [64, 1],
  [128, 2],
  [128, 1],
  [256, 2],
  [256, 1],
  [512, 2],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [1024, 2],
  [1024, 1],
] as const;

export type MobileNetV1Variant = 'imagenet' | 'mnist';

/** TF-slim / Keras batch-norm settings for MobileNet, which its released weights were trained with. */
const MOBILENET_BN = { momentum: 0.99, epsilon: 1e-3 } as const;
/**
 * The rest of the zoo's (PyTorch's 0.1 as Keras counts it): a network trained for minutes needs running statistics
 * that keep up with its weights. At 0.99, 72% of the initial statistics are left after 32 steps, and a MobileNet
 * trained for 32 steps on 1,000 digits scored 11% on the test digits (chance) in inference mode.
 */
const SHORT_TRAINING_BN = { momentum: 0.9, epsilon: 1e-5 } as const;

// variant: stem filters, stem stride, blocks, default input, default classes, default activation, batch norm
const MOBILENETS = {
  imagenet: [32, 2, MOBILENET_V1_BLOCKS, [224, 224, 3], 1000, 'relu6', MOBILENET_BN],
  // Table 1's first five depthwise-separable layers (28 -> 14 -> 7), the stem kept at full resolution for 28x28
  // digits, and the paper's ReLU.
  mnist: [32, 1, MOBILENET_V1_BLOCKS.slice(0, 5), [28, 28, 1], 10, 'relu', SHORT_TRAINING_BN],
} as const;

export interface MobileNetV1Options {
  /** 'imagenet': Table 1's network (default); 'mnist': its first five depthwise-separable layers after a stride-1
   * stem, for 28x28x1 digits. */
  readonly variant?: MobileNetV1Variant;
  /** alpha: scales every layer's filters, int(filters * alpha) as Keras does; > 0, default 1. */
  readonly widthMultiplier?: number;
  /** [height, width, channels]; the resolution multiplier is the input side (224, 192, 160, 128). Default [224, 224, 3]
   * ([28, 28, 1] for mnist). */
  readonly inputShape?: readonly number[];
  /** Default 1000 (10 for mnist). */
  readonly classes?: number;
  /** Dropout before the classifier; default 1e-3 as Keras. */
  readonly dropout?: number;
  /** 'relu6' (default: TF-slim and Keras, the reference implementations) or 'relu' (what the paper's text says,
   * the mnist variant's default). */
  readonly activation?: 'relu6' | 'relu';
}

/**
 * MobileNetV1 from Howard et al., "MobileNets: Efficient Convolutional Neural
 * Networks for Mobile Vision Applications", arXiv:1704.04861.
 *
 * Builds Table 1: a 3x3/2 stem, 13 depthwise-separable layers (3x3 depthwise,
 * BN, ReLU6, 1x1 pointwise, BN, ReLU6), global average pooling and a softmax
 * classifier, with the width multiplier alpha and any input resolution. At
 * alpha 1 and 224x224: 4,231,976 trainable parameters and 569 M multiply-adds,
 * as the paper and Keras report. Convolutions use TF 'same' padding, like
 * TF-slim, so odd sizes such as 28x28 downsample by ceil. `variant: 'mnist'` is the same design at the scale of
 * 28x28x1 digits: a 3x3 stem at stride 1, Table 1's first five depthwise-separable layers (64, 128/2, 128, 256/2,
 * 256 pointwise filters), ReLU, global average pooling, 10 classes.
 */
export function buildMobileNetV1(options: MobileNetV1Options = {}): tf.LayersModel {
  const variant = checkOneOf('mobilenet-v1', 'variant', options.variant ?? 'imagenet', ['imagenet', 'mnist'] as const);
  const model = variant === 'mnist' ? 'mobilenet-v1-mnist' : 'mobilenet-v1';
  const [stemFilters, stemStride, blocks, defaultInput, defaultClasses, defaultActivation, bn] = MOBILENETS[variant];
  const { widthMultiplier: alpha = 1, classes = defaultClasses, dropout = 1e-3 } = options;
  if (!(alpha > 0) || !Number.isFinite(alpha))
    throw new Error(`${model}: width multiplier must be a number > 0, got ${alpha}`);
  const scaled = (filters: number) => Math.floor(filters * alpha);
  if (scaled(stemFilters) < 1) {
    throw new Error(
      `${model}: width multiplier ${alpha} leaves the ${stemFilters}-filter stem with no filters; it must be at least ${1 / stemFilters}`,
    );
  }
  const inputShape = checkInputShape(model, options.inputShape ?? defaultInput);
  checkClasses(model, classes);
  checkRate(model, 'dropout', dropout);
  const activation = checkOneOf(model, 'activation', options.activation ?? defaultActivation, [
    'relu6',
    'relu',
  ] as const);
  const act = (x: Sym, name: string) => relu(x, name, activation === 'relu6' ? 6 : undefined);
  checkInputSize(model, inputShape, reductions(stemStride, blocks));

  const input = imageInput(inputShape);
  let x = convolution(input, 'conv1', scaled(stemFilters), 3, stemStride);
  x = act(batchNorm(x, 'conv1_bn', bn), 'conv1_relu');
  blocks.forEach(([filters, stride], i) => {
    const id = i + 1;
    const dw = tf.layers.depthwiseConv2d({
      name: `conv_dw_${id}`,
      kernelSize: 3,
      strides: stride,
      padding: 'same',
      useBias: false,
    });
    x = act(batchNorm(connect(dw, x), `conv_dw_${id}_bn`, bn), `conv_dw_${id}_relu`);
    x = convolution(x, `conv_pw_${id}`, scaled(filters), 1, 1);
    x = act(batchNorm(x, `conv_pw_${id}_bn`, bn), `conv_pw_${id}_relu`);
  });
  x = connect(tf.layers.globalAveragePooling2d({ name: 'avg_pool' }), x);
  x = connect(tf.layers.dropout({ name: 'dropout', rate: dropout }), x);
  // A dense layer has exactly the parameters and MACs of Keras' 1x1 `conv_preds` on the pooled 1x1 map.
  const output = connect(tf.layers.dense({ name: 'predictions', units: classes, activation: 'softmax' }), x);

  return finishModel(model, input, output, {
    variant: words('variant.mobilenet', {
      design: variant === 'mnist' ? words('variant.mobilenetMnist') : 'MobileNetV1',
      alpha: quantity(alpha, 'plain'),
      height: inputShape[0],
      width: inputShape[1],
      activation: activation.toUpperCase(),
    }),
    paper: citePaper(PAPERS.mobilenetV1),
  });
}

function convolution(x: Sym, name: string, filters: number, kernel: number, stride: number): Sym {
  return connect(
    tf.layers.conv2d({ name, filters, kernelSize: kernel, strides: stride, padding: 'same', useBias: false }),
    x,
  );
}

function reductions(stemStride: number, blocks: readonly (readonly [number, number])[]): Reduction[] {
  const strided = blocks.flatMap(([, stride], i): Reduction[] =>
    stride === 1 ? [] : [{ layer: `conv_dw_${i + 1}`, kernel: 3, stride, padding: 'same' }],
  );
  return [{ layer: 'conv1', kernel: 3, stride: stemStride, padding: 'same' }, ...strided];
}
