import * as tf from '@tensorflow/tfjs';
import { checkClasses, checkInputShape, checkOneOf } from './checks.ts';
import { connect, finishModel, imageInput, type Sym } from './building-blocks.ts';
import { words } from '../protocol/words.ts';
import { ScaledTanh } from './layers/scaled-tanh.ts';
import { Subsampling } from './layers/subsampling.ts';
import { PartialConv2D } from './layers/partial-conv2d.ts';
import { RbfOutput } from './layers/rbf-output.ts';
import { DIGIT_PROTOTYPES } from './layers/digit-prototypes.ts';
import { citePaper, PAPERS } from './papers.ts';

type Initializer = ReturnType<typeof tf.initializers.randomUniform>;

/** C3's connection table (LeCun et al. 1998, Table I): the S2 maps each C3 map sees. */
export const C3_CONNECTIONS: readonly (readonly number[])[] = [
  [0, 1, 2],
  [1, 2, 3],
  [2, 3, 4],
  [3, 4, 5],
  [4, 5, 0],
  [5, 0, 1],
  [0, 1, 2, 3],
  [1, 2, 3, 4],
  [2, 3, 4, 5],
  [3, 4, 5, 0],
  [4, 5, 0, 1],
  [5, 0, 1, 2],
  [0, 1, 3, 4],
  [1, 2, 4, 5],
  [0, 2, 3, 5],
  [0, 1, 2, 3, 4, 5],
];

// layer, kind, maps or units, kernel (the paper's C1 ... F6; the output layer follows)
const LENET5_LAYERS = [
  ['c1', 'conv', 6, 5],
  ['s2', 'pool', 6, 2],
  ['c3', 'conv', 16, 5],
  ['s4', 'pool', 16, 2],
  ['c5', 'conv', 120, 5],
  ['f6', 'dense', 84, 0],
] as const;

/** The paper's input field; smaller inputs (MNIST's 28x28) are centred in it with zeros, as the paper did. */
const PAPER_INPUT_SIDE = 32;

export type LeNet5Variant = '1998' | 'modern';

export interface LeNet5Options {
  /** '1998': the paper's network; 'modern': full C3, parameter-free pooling, softmax. Default 'modern'. */
  readonly variant?: LeNet5Variant;
  /** [height, width, channels]; default [32, 32, 1]. Sides under 32 are zero-padded to 32. */
  readonly inputShape?: readonly number[];
  /** Output classes; default 10 (the 1998 RBF layer has prototypes for digits 0-9 only). */
  readonly classes?: number;
  /** 'tanh' (the 1998 variant uses the paper's scaled tanh 1.7159 tanh(2a/3)) or 'relu'. Default: 1998 tanh, modern relu. */
  readonly activation?: 'tanh' | 'relu';
}

/**
 * LeNet-5 from LeCun, Bottou, Bengio & Haffner, "Gradient-Based Learning Applied
 * to Document Recognition", Proc. IEEE 86(11), 1998 (not on arXiv).
 *
 * `variant: '1998'` builds the paper's network: scaled-tanh squashing after every
 * layer up to F6, trainable subsampling S2/S4 (one coefficient and one bias per
 * map), C3 wired by Table I, C5 as a 5x5 convolution, F6 of 84 units and the fixed
 * Euclidean RBF output (60,000 trainable parameters). `variant: 'modern'` builds
 * the common textbook version: full C3, average pooling without parameters, a
 * softmax output (61,706 parameters).
 */
export function buildLeNet5(options: LeNet5Options = {}): tf.LayersModel {
  const variant = checkOneOf('lenet5', 'variant', options.variant ?? 'modern', ['1998', 'modern'] as const);
  const model = variant === '1998' ? 'lenet5-1998' : 'lenet5';
  const inputShape = checkInputShape(model, options.inputShape ?? [PAPER_INPUT_SIDE, PAPER_INPUT_SIDE, 1]);
  const classes = options.classes ?? 10;
  checkClasses(model, classes);
  if (variant === '1998' && classes > DIGIT_PROTOTYPES.length) {
    throw new Error(
      `${model}: the RBF output has prototypes for ${DIGIT_PROTOTYPES.length} digits, so classes must be 1-10, got ${classes}`,
    );
  }
  const activation = checkOneOf(model, 'activation', options.activation ?? (variant === '1998' ? 'tanh' : 'relu'), [
    'tanh',
    'relu',
  ] as const);
  const paper1998 = variant === '1998';

  const input = imageInput(inputShape);
  let x = padToPaperField(input, inputShape);
  for (const [name, kind, size, kernel] of LENET5_LAYERS) {
    if (kind === 'conv') x = connect(convolution(name, size, kernel, paper1998, x), x);
    if (kind === 'pool')
      x = connect(
        paper1998
          ? new Subsampling({ name, poolSize: kernel })
          : tf.layers.averagePooling2d({ name, poolSize: kernel }),
        x,
      );
    if (kind === 'dense') {
      x = connect(tf.layers.flatten({ name: 'flatten' }), x);
      x = connect(tf.layers.dense({ name, units: size, ...paperInit(paper1998, lastDim(x)) }), x);
    }
    // The paper squashes every layer's output up to F6, subsampling included.
    if (kind !== 'pool' || paper1998) x = squash(x, `${name}_${activation}`, activation, paper1998);
  }
  const output = paper1998
    ? connect(new RbfOutput({ name: 'output', prototypes: DIGIT_PROTOTYPES.slice(0, classes) }), x)
    : connect(tf.layers.dense({ name: 'output', units: classes, activation: 'softmax' }), x);

  return finishModel(model, input, output, {
    variant: paper1998
      ? words('variant.lenet1998', { activation: activation === 'tanh' ? words('variant.scaledTanh') : 'ReLU' })
      : words('variant.lenetModern', { activation }),
    paper: citePaper(PAPERS.lenet5),
  });
}

/** C1 and C5 are ordinary convolutions; C3 is partial in the paper and full in the modern variant. */
function convolution(name: string, filters: number, kernel: number, paper1998: boolean, x: Sym): tf.layers.Layer {
  if (paper1998 && name === 'c3') return new PartialConv2D({ name, kernelSize: kernel, connections: C3_CONNECTIONS });
  return tf.layers.conv2d({ name, filters, kernelSize: kernel, ...paperInit(paper1998, kernel * kernel * lastDim(x)) });
}

/** The paper initialises weights uniformly in +-2.4 / fan-in (appendix A); the modern variant keeps tfjs defaults. */
function paperInit(paper1998: boolean, fanIn: number): { kernelInitializer?: Initializer } {
  if (!paper1998) return {};
  return { kernelInitializer: tf.initializers.randomUniform({ minval: -2.4 / fanIn, maxval: 2.4 / fanIn }) };
}

function squash(x: Sym, name: string, activation: 'tanh' | 'relu', paper1998: boolean): Sym {
  if (activation === 'tanh' && paper1998) return connect(new ScaledTanh({ name }), x);
  return connect(tf.layers.activation({ name, activation }), x);
}

function padToPaperField(input: Sym, [height, width]: readonly number[]): Sym {
  const extraRows = Math.max(0, PAPER_INPUT_SIDE - height);
  const extraCols = Math.max(0, PAPER_INPUT_SIDE - width);
  if (extraRows === 0 && extraCols === 0) return input;
  const split = (extra: number): [number, number] => [Math.floor(extra / 2), Math.ceil(extra / 2)];
  return connect(tf.layers.zeroPadding2d({ name: 'pad', padding: [split(extraRows), split(extraCols)] }), input);
}

function lastDim(x: Sym): number {
  const d = x.shape[x.shape.length - 1];
  if (d === null) throw new Error('LeNet-5 needs a known channel count');
  return d;
}
