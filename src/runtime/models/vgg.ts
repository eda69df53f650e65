import * as tf from '@tensorflow/tfjs';
import { checkClasses, checkInputShape, checkInputSize, checkOneOf, checkRate, type Reduction } from './checks.ts';
import { batchNorm, connect, finishModel, imageInput, poolAndClassify, relu } from './building-blocks.ts';
import { citePaper, PAPERS } from './papers.ts';

/** Filters of the five blocks; every block ends in a 2x2 max-pool. */
const BLOCK_FILTERS = [64, 128, 256, 512, 512] as const;

// depth: configuration in the paper's Table 1, 3x3 convolutions in each of the five blocks
const VGG_CONFIGS = {
  11: ['A', [1, 1, 2, 2, 2]],
  13: ['B', [2, 2, 2, 2, 2]],
  16: ['D', [2, 2, 3, 3, 3]],
  19: ['E', [2, 2, 4, 4, 4]],
} as const;

export const VGG_DEPTHS = [11, 13, 16, 19] as const;
export type VggDepth = (typeof VGG_DEPTHS)[number];

const FC_UNITS = 4096;

export interface VggOptions {
  /** 11, 13, 16 or 19 weight layers: configurations A, B, D, E. */
  readonly depth: number;
  /** Batch norm after every convolution (torchvision's vgg*_bn; the convolutions keep their bias). Default false. */
  readonly batchNorm?: boolean;
  /** 'fc': the paper's 4096-4096 head; 'gap': global average pooling straight into the classifier. Default 'fc'. */
  readonly head?: 'fc' | 'gap';
  /** [height, width, channels]; default [224, 224, 3]. At least 32x32 (five 2x2 pools). */
  readonly inputShape?: readonly number[];
  /** Default 1000. */
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
 */
export function buildVgg(options: VggOptions): tf.LayersModel {
  const depth = checkOneOf('vgg', 'depth', options.depth, VGG_DEPTHS);
  const { batchNorm: withBn = false, head = 'fc', classes = 1000, dropout = 0.5 } = options;
  const model = `vgg${depth}${head === 'gap' ? '-gap' : ''}${withBn ? '-bn' : ''}`;
  const inputShape = checkInputShape(model, options.inputShape ?? [224, 224, 3]);
  checkOneOf(model, 'head', head, ['fc', 'gap'] as const);
  checkClasses(model, classes);
  checkRate(model, 'dropout', dropout);
  const [letter, convsPerBlock] = VGG_CONFIGS[depth];
  checkInputSize(
    model,
    inputShape,
    BLOCK_FILTERS.map((_, b): Reduction => ({ layer: `block${b + 1}_pool`, kernel: 2, stride: 2, padding: 0 })),
  );

  const input = imageInput(inputShape);
  let x = input;
  BLOCK_FILTERS.forEach((filters, b) => {
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
    for (const fc of ['fc1', 'fc2']) {
      x = connect(tf.layers.dense({ name: fc, units: FC_UNITS, activation: 'relu' }), x);
      x = connect(tf.layers.dropout({ name: `${fc}_dropout`, rate: dropout }), x);
    }
    output = connect(tf.layers.dense({ name: 'predictions', units: classes, activation: 'softmax' }), x);
  }

  const parts = [
    `VGG-${depth} (configuration ${letter})`,
    withBn ? 'with batch norm' : 'without batch norm',
    head === 'gap' ? 'global-average-pooling head' : 'fc 4096-4096 head',
  ];
  return finishModel(model, input, output, {
    variant: parts.join(', '),
    paper: citePaper(PAPERS.vgg),
  });
}
