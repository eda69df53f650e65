import * as tf from '@tensorflow/tfjs';
import { checkClasses, checkInputShape, checkInputSize, checkOneOf, checkRate, type Reduction } from './checks.ts';
import { batchNorm, connect, finishModel, imageInput, poolAndClassify, relu } from './building-blocks.ts';
import { citePaper, PAPERS } from './papers.ts';
import { words } from '../protocol/words.ts';

/** Filters of the five blocks of the paper's networks; every block ends in a 2x2 max-pool. */
const IMAGENET_FILTERS = [64, 128, 256, 512, 512] as const;
const IMAGENET_FC = [4096, 4096] as const;
const IMAGENET = { input: [224, 224, 3], classes: 1000 } as const;

// depth: configuration (the paper's Table 1 letter), 3x3 convolutions per block, filters per block, hidden fc
// units, defaults
const VGG_CONFIGS = {
  8: ['MNIST', [2, 2, 2], [32, 64, 128], [128], { input: [28, 28, 1], classes: 10 }],
  11: ['A', [1, 1, 2, 2, 2], IMAGENET_FILTERS, IMAGENET_FC, IMAGENET],
  13: ['B', [2, 2, 2, 2, 2], IMAGENET_FILTERS, IMAGENET_FC, IMAGENET],
  16: ['D', [2, 2, 3, 3, 3], IMAGENET_FILTERS, IMAGENET_FC, IMAGENET],
  19: ['E', [2, 2, 4, 4, 4], IMAGENET_FILTERS, IMAGENET_FC, IMAGENET],
} as const;

/** The paper's depths; 8 is the MNIST-scale network (vgg8-mnist), not in the paper. */
export const VGG_DEPTHS = [11, 13, 16, 19] as const;
export type VggDepth = (typeof VGG_DEPTHS)[number];
const DEPTHS = [8, ...VGG_DEPTHS] as const;

export interface VggOptions {
  /** 11, 13, 16 or 19 weight layers: configurations A, B, D, E; 8: VGG's design at MNIST scale (6 convolutions
   * 32-32-64-64-128-128 in three blocks, fc 128, classifier). */
  readonly depth: number;
  /** Batch norm after every convolution (torchvision's vgg*_bn; the convolutions keep their bias). Default false. */
  readonly batchNorm?: boolean;
  /** 'fc': the paper's 4096-4096 head; 'gap': global average pooling straight into the classifier. Default 'fc'. */
  readonly head?: 'fc' | 'gap';
  /** [height, width, channels]; default [224, 224, 3], at least 32x32 (five 2x2 pools); depth 8: [28, 28, 1]. */
  readonly inputShape?: readonly number[];
  /** Default 1000 (10 for depth 8). */
  readonly classes?: number;
  /** Dropout of the fc head; default 0.5. */
  readonly dropout?: number;
}

/**
 * VGG from Simonyan & Zisserman, "Very Deep Convolutional Networks for
 * Large-Scale Image Recognition", ICLR 2015, arXiv:1409.1556.
 *
 * Builds configuration A, B, D or E (VGG-11/13/16/19) of Table 1: stacks of 3x3
 * convolutions with ReLU, a 2x2 max-pool after each block, then either the
 * paper's head (fc 4096, fc 4096, softmax, with dropout 0.5 as torchvision; VGG-16
 * has 138,357,544 parameters) or, with `head: 'gap'`, global average pooling and
 * one softmax layer. torchvision's adaptive 7x7 pooling is the identity at
 * 224x224 and is left out, so other sizes flatten what the last block gives.
 * Depth 8 keeps the design (3x3 stacks, halve the size and double the filters, a 2x2 max-pool per block) at
 * the scale of 28x28x1 digits: three blocks 28 -> 14 -> 7 -> 3 and one hidden fc of 128 (435,306 parameters).
 */
export function buildVgg(options: VggOptions): tf.LayersModel {
  const depth = checkOneOf('vgg', 'depth', options.depth, DEPTHS);
  const [letter, convsPerBlock, blockFilters, fcUnits, defaults] = VGG_CONFIGS[depth];
  const { batchNorm: withBn = false, head = 'fc', classes = defaults.classes, dropout = 0.5 } = options;
  const model = `vgg${depth}${head === 'gap' ? '-gap' : ''}${withBn ? '-bn' : ''}${depth === 8 ? '-mnist' : ''}`;
  const inputShape = checkInputShape(model, options.inputShape ?? defaults.input);
  checkOneOf(model, 'head', head, ['fc', 'gap'] as const);
  checkClasses(model, classes);
  checkRate(model, 'dropout', dropout);
  checkInputSize(
    model,
    inputShape,
    blockFilters.map((_, b): Reduction => ({ layer: `block${b + 1}_pool`, kernel: 2, stride: 2, padding: 0 })),
  );

  const input = imageInput(inputShape);
  let x = input;
  blockFilters.forEach((filters, b) => {
    for (let c = 1; c <= convsPerBlock[b]; c++) {
      const name = `block${b + 1}_conv${c}`;
      x = connect(
        tf.layers.conv2d({ name, filters, kernelSize: 3, padding: 'same', activation: withBn ? 'linear' : 'relu' }),
        x,
      );
      if (withBn) x = relu(batchNorm(x, `${name}_bn`), `${name}_relu`);
    }
    x = connect(tf.layers.maxPooling2d({ name: `block${b + 1}_pool`, poolSize: 2, strides: 2 }), x);
  });
  let output: tf.SymbolicTensor;
  if (head === 'gap') {
    output = poolAndClassify(x, classes);
  } else {
    x = connect(tf.layers.flatten({ name: 'flatten' }), x);
    fcUnits.forEach((units, i) => {
      x = connect(tf.layers.dense({ name: `fc${i + 1}`, units, activation: 'relu' }), x);
      x = connect(tf.layers.dropout({ name: `fc${i + 1}_dropout`, rate: dropout }), x);
    });
    output = connect(tf.layers.dense({ name: 'predictions', units: classes, activation: 'softmax' }), x);
  }

  const stacks = convsPerBlock.map((n, b) => `[${Array(n).fill(blockFilters[b]).join(',')}]`).join('-pool-');
  return finishModel(model, input, output, {
    variant: words('variant.vgg', {
      design: depth === 8 ? words('variant.vggMnist', { stacks }) : words('variant.vggPaper', { depth, letter }),
      norm: words(withBn ? 'variant.withBn' : 'variant.withoutBn'),
      head: head === 'gap' ? words('variant.gapHead') : words('variant.fcHead', { units: fcUnits.join('-') }),
    }),
    paper: citePaper(PAPERS.vgg),
  });
}
