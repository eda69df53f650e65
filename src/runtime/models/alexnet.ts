import * as tf from '@tensorflow/tfjs';
import { checkClasses, checkInputShape, checkInputSize, checkOneOf, checkRate, type Reduction } from './checks.ts';
import { connect, finishModel, imageInput, zeroPad, type Sym } from './building-blocks.ts';
import { citePaper, PAPERS } from './papers.ts';
import { LocalResponseNormalization } from './layers/lrn.ts';
import { words, type Words } from '../protocol/words.ts';

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

// AlexNet's design at MNIST scale: a strided 5x5 first layer, then 3x3 layers, widths 32-64-96, overlapping
// pooling after conv1 and conv3 (28 -> 14 -> 6 -> 2), so a browser trains it on WASM in about a minute.
const MNIST_LAYOUT: Layout = [
  ['conv1', 32, 5, 2, 2, 'own', 'norm+pool'],
  ['conv2', 64, 3, 1, 1, 'own', '-'],
  ['conv3', 96, 3, 1, 1, 'own', 'pool'],
];

export type AlexNetVariant = '2012' | 'torchvision' | 'mnist';

// variant: towers, layout, default input shape, default classes, hidden fc units, dropout before (torchvision) or
// after (Caffe) each hidden fc, LRN by default, what `npm run zoo` says it built
const ALEXNETS = {
  '2012': [2, PAPER_LAYOUT, [227, 227, 3], 1000, [4096, 4096], 'after', true, 'variant.alexnet2012'],
  torchvision: [
    1,
    TORCHVISION_LAYOUT,
    [224, 224, 3],
    1000,
    [4096, 4096],
    'before',
    false,
    'variant.alexnetTorchvision',
  ],
  mnist: [1, MNIST_LAYOUT, [28, 28, 1], 10, [128], 'before', false, 'variant.alexnetMnist'],
} as const;

/** Overlapping pooling: 3x3 windows, stride 2 (section 3.4). */
const POOL = { kernel: 3, stride: 2 } as const;
const PAPER_2012 = citePaper(PAPERS.alexnet);

export interface AlexNetOptions {
  /** '2012': the paper's two-tower network; 'torchvision': the single tower 64-192-384-256-256; 'mnist': a
   * three-layer AlexNet-style network for 28x28x1 digits. Default 'torchvision'. */
  readonly variant?: AlexNetVariant;
  /** [height, width, channels]; default [227, 227, 3] for 2012 (what 55x55 conv1 maps need), [224, 224, 3] for
   * torchvision, [28, 28, 1] for mnist. */
  readonly inputShape?: readonly number[];
  /** Default 1000 (10 for mnist). */
  readonly classes?: number;
  /** Dropout rate of the hidden fc layers; default 0.5. */
  readonly dropout?: number;
  /** Local response normalisation after the layers the paper puts it (conv1, conv2; conv1 at MNIST scale). Default:
   * true for 2012, false for mnist; torchvision's layout has none. */
  readonly lrn?: boolean;
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
 * `variant: 'mnist'` keeps the design (a large strided first kernel, ReLU, overlapping max-pooling, LRN as an
 * option, dropout before a fully connected layer) at the scale of 28x28x1 digits (125,290 parameters).
 */
export function buildAlexNet(options: AlexNetOptions = {}): tf.LayersModel {
  const variant = checkOneOf('alexnet', 'variant', options.variant ?? 'torchvision', [
    '2012',
    'torchvision',
    'mnist',
  ] as const);
  const model = { '2012': 'alexnet-2012', torchvision: 'alexnet', mnist: 'alexnet-mnist' }[variant];
  const [towers, layout, defaultInput, defaultClasses, fcUnits, dropoutPlacement, defaultLrn, note] = ALEXNETS[variant];
  const inputShape = checkInputShape(model, options.inputShape ?? defaultInput);
  const { classes = defaultClasses, dropout = 0.5, lrn = defaultLrn } = options;
  checkClasses(model, classes);
  checkRate(model, 'dropout', dropout);
  if (lrn && !layout.some(([, , , , , , after]) => after === 'norm+pool'))
    throw new Error(`${model}: this layout has no local response normalisation, so lrn must be false`);
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
      if (after === 'norm+pool' && lrn)
        x = connect(new LocalResponseNormalization({ name: tower(`norm${stage}`, t) }), x);
      if (after !== '-')
        x = connect(
          tf.layers.maxPooling2d({ name: tower(`pool${stage}`, t), poolSize: POOL.kernel, strides: POOL.stride }),
          x,
        );
      return x;
    });
  }
  let x = connect(tf.layers.flatten({ name: 'flatten' }), merge(paths, 'pool5_concat'));
  // Hidden fc layers are fc6, fc7, ...; the classifier follows them (fc8 in the paper's network).
  fcUnits.forEach((units, i) => {
    const fc = `fc${6 + i}`;
    const drop = () => connect(tf.layers.dropout({ name: `${fc}_dropout`, rate: dropout }), x);
    if (dropoutPlacement === 'before') x = drop();
    x = connect(tf.layers.dense({ name: fc, units, activation: 'relu' }), x);
    if (dropoutPlacement === 'after') x = drop();
  });
  const output = connect(
    tf.layers.dense({ name: `fc${6 + fcUnits.length}`, units: classes, activation: 'softmax' }),
    x,
  );

  return finishModel(model, input, output, {
    variant: words('variant.withLrn', { note: words(note), lrn: lrnWords(variant, lrn) }),
    paper:
      variant === 'torchvision'
        ? `as torchvision cites it, ${citePaper(PAPERS.oneWeirdTrick)} (whose conv4 has 384 filters, not 256); after ${PAPER_2012}`
        : PAPER_2012,
  });
}

/** Says whether LRN was built where the note cannot: the MNIST net's option, the 2012 net's LRN left out. */
function lrnWords(variant: AlexNetVariant, lrn: boolean): Words | '' {
  if (variant === 'mnist') return words(lrn ? 'variant.lrn.after' : 'variant.lrn.none');
  return variant === '2012' && !lrn ? words('variant.lrn.dropped') : '';
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
