import * as tf from '@tensorflow/tfjs';
import { checkClasses, checkInputShape, checkInputSize, checkOneOf, checkRate, type Reduction } from './checks.ts';
import { batchNorm, connect, finishModel, imageInput, relu, type Sym } from './building-blocks.ts';
import { citePaper, PAPERS } from './papers.ts';

const STEM_FILTERS = 32;

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

/** TF-slim / Keras batch-norm settings for MobileNet, which its released weights were trained with. */
const MOBILENET_BN = { momentum: 0.99, epsilon: 1e-3 } as const;

export interface MobileNetV1Options {
  /** alpha: scales every layer's filters, int(filters * alpha) as Keras does; > 0, default 1. */
  readonly widthMultiplier?: number;
  /** [height, width, channels]; the resolution multiplier is the input side (224, 192, 160, 128). Default [224, 224, 3]. */
  readonly inputShape?: readonly number[];
  /** Default 1000. */
  readonly classes?: number;
  /** Dropout before the classifier; default 1e-3 as Keras. */
  readonly dropout?: number;
  /** 'relu6' (default: TF-slim and Keras, the reference implementations) or 'relu' (what the paper's text says). */
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
 * TF-slim, so odd sizes such as 28x28 downsample by ceil.
 */
export function buildMobileNetV1(options: MobileNetV1Options = {}): tf.LayersModel {
  const { widthMultiplier: alpha = 1, classes = 1000, dropout = 1e-3 } = options;
  const model = 'mobilenet-v1';
  if (!(alpha > 0) || !Number.isFinite(alpha))
    throw new Error(`${model}: width multiplier must be a number > 0, got ${alpha}`);
  const scaled = (filters: number) => Math.floor(filters * alpha);
  if (scaled(STEM_FILTERS) < 1) {
    throw new Error(
      `${model}: width multiplier ${alpha} leaves the ${STEM_FILTERS}-filter stem with no filters; it must be at least ${1 / STEM_FILTERS}`,
    );
  }
  const inputShape = checkInputShape(model, options.inputShape ?? [224, 224, 3]);
  checkClasses(model, classes);
  checkRate(model, 'dropout', dropout);
  const activation = checkOneOf(model, 'activation', options.activation ?? 'relu6', ['relu6', 'relu'] as const);
  const act = (x: Sym, name: string) => relu(x, name, activation === 'relu6' ? 6 : undefined);
  checkInputSize(model, inputShape, reductions());

  const input = imageInput(inputShape);
  let x = convolution(input, 'conv1', scaled(STEM_FILTERS), 3, 2);
  x = act(batchNorm(x, 'conv1_bn', MOBILENET_BN), 'conv1_relu');
  MOBILENET_V1_BLOCKS.forEach(([filters, stride], i) => {
    const id = i + 1;
    const dw = tf.layers.depthwiseConv2d({
      name: `conv_dw_${id}`,
      kernelSize: 3,
      strides: stride,
      padding: 'same',
      useBias: false,
    });
    x = act(batchNorm(connect(dw, x), `conv_dw_${id}_bn`, MOBILENET_BN), `conv_dw_${id}_relu`);
    x = convolution(x, `conv_pw_${id}`, scaled(filters), 1, 1);
    x = act(batchNorm(x, `conv_pw_${id}_bn`, MOBILENET_BN), `conv_pw_${id}_relu`);
  });
  x = connect(tf.layers.globalAveragePooling2d({ name: 'avg_pool' }), x);
  x = connect(tf.layers.dropout({ name: 'dropout', rate: dropout }), x);
  // A dense layer has exactly the parameters and MACs of Keras' 1x1 `conv_preds` on the pooled 1x1 map.
  const output = connect(tf.layers.dense({ name: 'predictions', units: classes, activation: 'softmax' }), x);

  return finishModel(model, input, output, {
    variant: `MobileNetV1, width multiplier ${alpha}, ${inputShape[0]}x${inputShape[1]} input, ${activation.toUpperCase()}`,
    paper: citePaper(PAPERS.mobilenetV1),
  });
}

function convolution(x: Sym, name: string, filters: number, kernel: number, stride: number): Sym {
  return connect(
    tf.layers.conv2d({ name, filters, kernelSize: kernel, strides: stride, padding: 'same', useBias: false }),
    x,
  );
}

function reductions(): Reduction[] {
  const strided = MOBILENET_V1_BLOCKS.flatMap(([, stride], i): Reduction[] =>
    stride === 1 ? [] : [{ layer: `conv_dw_${i + 1}`, kernel: 3, stride, padding: 'same' }],
  );
  return [{ layer: 'conv1', kernel: 3, stride: 2, padding: 'same' }, ...strided];
}
