import * as tf from '@tensorflow/tfjs';
import { checkClasses, checkInputShape, checkInputSize, checkOneOf, checkRate, type Reduction } from './checks.ts';
import { connect, finishModel, imageInput, zeroPad, type Sym } from './building-blocks.ts';
import { citePaper, PAPERS } from './papers.ts';
import { LocalResponseNormalization } from './layers/lrn.ts';

type Layout = readonly (readonly [
  string,
  number,
  number,
  number,
  number,
  'own' | 'both',
  'norm+pool' | 'pool' | '-',
])[];

// layer, filters (all towers), kernel, stride, padding, reads its own tower or both, then
const PAPER_LAYOUT: Layout = [
  ['conv1', 96, 11, 4, 0, 'own', 'norm+pool'],
  ['conv2', 256, 5, 1, 2, 'own', 'norm+pool'],
  ['conv3', 384, 3, 1, 1, 'both', '-'],
  ['conv4', 384, 3, 1, 1, 'own', '-'],
  ['conv5', 256, 3, 1, 1, 'own', 'pool'],
];
const TORCHVISION_LAYOUT: Layout = [
  ['conv1', 64, 11, 4, 2, 'own', 'pool'],
  ['conv2', 192, 5, 1, 2, 'own', 'pool'],
  ['conv3', 384, 3, 1, 1, 'own', '-'],
  ['conv4', 256, 3, 1, 1, 'own', '-'],
  ['conv5', 256, 3, 1, 1, 'own', 'pool'],
];

export type AlexNetVariant = '2012' | 'torchvision';

// variant: towers, layout, default input side, dropout before (torchvision) or after (Caffe) fc6 / fc7
const ALEXNETS = {
  '2012': [2, PAPER_LAYOUT, 227, 'after'],
  torchvision: [1, TORCHVISION_LAYOUT, 224, 'before'],
} as const;

/** Overlapping pooling: 3x3 windows, stride 2 (section 3.4). */
const POOL = { kernel: 3, stride: 2 } as const;
const FC_UNITS = 4096;
const PAPER_2012 = citePaper(PAPERS.alexnet);

export interface AlexNetOptions {
  /** '2012': the paper's two-tower network; 'torchvision': the single tower 64-192-384-256-256. Default 'torchvision'. */
  readonly variant?: AlexNetVariant;
  /** [height, width, channels]; default [227, 227, 3] for 2012 (what 55x55 conv1 maps need), [224, 224, 3] for torchvision. */
  readonly inputShape?: readonly number[];
  /** Default 1000. */
  readonly classes?: number;
  /** Dropout rate of fc6 and fc7; default 0.5. */
  readonly dropout?: number;
}

/**
 * AlexNet from Krizhevsky, Sutskever & Hinton, "ImageNet Classification with
 * Deep Convolutional Neural Networks", NeurIPS 2012 (not on arXiv).
 *
 * `variant: '2012'` builds the paper's two-tower layout (Figure 2): conv1-conv5
 * split into towers `_a` / `_b`, towers exchanging data only at conv3 and the
 * fully connected layers (so conv2, conv4, conv5 are grouped convolutions), ReLU,
 * local response normalisation after conv1 and conv2, overlapping 3x3 / 2
 * max-pooling, dropout 0.5 on fc6 and fc7 (60,965,224 parameters, as Caffe's
 * bvlc_alexnet). `variant: 'torchvision'` builds the single tower that
 * torchvision ships (61,100,840 parameters), which torchvision attributes to Krizhevsky's 2014
 * "One weird trick for parallelizing convolutional neural networks" (arXiv:1404.5997). Its widths are not that
 * paper's: the paper's footnote gives conv4 384 filters, and torchvision's 256 come from Krizhevsky's cuda-convnet2
 * one-GPU configuration (layers-imagenet-1gpu.cfg), by way of a Torch port (pytorch/vision#463, #704). Its adaptive
 * 6x6 pooling is the identity at 224x224 and is left out, so other sizes flatten what conv5 gives.
 */
export function buildAlexNet(options: AlexNetOptions = {}): tf.LayersModel {
  const variant = checkOneOf('alexnet', 'variant', options.variant ?? 'torchvision', ['2012', 'torchvision'] as const);
  const model = variant === '2012' ? 'alexnet-2012' : 'alexnet';
  const [towers, layout, side, dropoutPlacement] = ALEXNETS[variant];
  const inputShape = checkInputShape(model, options.inputShape ?? [side, side, 3]);
  const { classes = 1000, dropout = 0.5 } = options;
  checkClasses(model, classes);
  checkRate(model, 'dropout', dropout);
  checkInputSize(model, inputShape, reductions(layout));

  const input = imageInput(inputShape);
  const tower = (name: string, t: number) => (towers === 1 ? name : `${name}_${'ab'[t]}`);
  let paths: Sym[] = Array.from({ length: towers }, () => input);
  for (const [name, filters, kernel, stride, padding, reads, after] of layout) {
    const merged = reads === 'both' ? [merge(paths, `${name}_concat`)] : paths;
    paths = paths.map((own, t) => {
      const source = merged.length === 1 ? merged[0] : own;
      // Symmetric padding at stride 1 is tfjs 'same'; anything else gets an explicit padding layer.
      const same = stride === 1 && padding === (kernel - 1) / 2;
      let x = !same && padding > 0 ? zeroPad(source, tower(`${name}_pad`, t), padding) : source;
      x = connect(
        tf.layers.conv2d({
          name: tower(name, t),
          filters: filters / towers,
          kernelSize: kernel,
          strides: stride,
          padding: same ? 'same' : 'valid',
          activation: 'relu',
        }),
        x,
      );
      const stage = name.replace('conv', '');
      if (after === 'norm+pool') x = connect(new LocalResponseNormalization({ name: tower(`norm${stage}`, t) }), x);
      if (after !== '-')
        x = connect(
          tf.layers.maxPooling2d({ name: tower(`pool${stage}`, t), poolSize: POOL.kernel, strides: POOL.stride }),
          x,
        );
      return x;
    });
  }
  let x = connect(tf.layers.flatten({ name: 'flatten' }), merge(paths, 'pool5_concat'));
  for (const fc of ['fc6', 'fc7']) {
    const drop = () => connect(tf.layers.dropout({ name: `${fc}_dropout`, rate: dropout }), x);
    if (dropoutPlacement === 'before') x = drop();
    x = connect(tf.layers.dense({ name: fc, units: FC_UNITS, activation: 'relu' }), x);
    if (dropoutPlacement === 'after') x = drop();
  }
  const output = connect(tf.layers.dense({ name: 'fc8', units: classes, activation: 'softmax' }), x);

  return finishModel(model, input, output, {
    variant:
      variant === '2012'
        ? 'AlexNet as published: two towers (grouped conv2, conv4, conv5), LRN, overlapping 3x3/2 max-pooling, dropout'
        : "AlexNet as torchvision ships it: one tower 64-192-384-256-256 (cuda-convnet2's one-GPU widths), no LRN, no grouping",
    paper:
      variant === '2012'
        ? PAPER_2012
        : `as torchvision cites it, ${citePaper(PAPERS.oneWeirdTrick)} (whose conv4 has 384 filters, not 256); after ${PAPER_2012}`,
  });
}

function merge(paths: Sym[], name: string): Sym {
  return paths.length === 1 ? paths[0] : connect(tf.layers.concatenate({ name, axis: -1 }), paths);
}

function reductions(layout: Layout): Reduction[] {
  return layout.flatMap(([name, , kernel, stride, padding, , after]): Reduction[] => {
    const stage = name.replace('conv', '');
    const conv: Reduction = { layer: name, kernel, stride, padding: 2 * padding };
    return after === '-'
      ? [conv]
      : [conv, { layer: `pool${stage}`, kernel: POOL.kernel, stride: POOL.stride, padding: 0 }];
  });
}
