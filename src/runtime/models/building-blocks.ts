/**
 * Small graph helpers the builders share, so that every family names and pads
 * its layers the same way (Keras style: `conv3_block2_1_conv`, `_bn`, `_relu`).
 */
import * as tf from '@tensorflow/tfjs';
import type { InputShape } from './checks.ts';
import { isWords, type Text } from '../protocol/words.ts';

export type Sym = tf.SymbolicTensor;

/** What a zoo model says about itself; stored as tfjs user-defined metadata and shown by the summary. */
export interface ModelDescription {
  /**
   * Which variant was built, e.g. "ResNet v1: bottleneck stride on the first 1x1 conv", as words (`variant.*`) the
   * page says in its language.
   */
  readonly variant: Text;
  /** The paper, as `citePaper` writes a row of `PAPERS` (papers.ts): authors, year, title, arXiv id, venue. */
  readonly paper: string;
}

/** Applies `layer` and returns its single output. */
export function connect(layer: tf.layers.Layer, x: Sym | Sym[]): Sym {
  const out = layer.apply(x);
  if (Array.isArray(out) || !(out instanceof tf.SymbolicTensor))
    throw new Error(`${layer.name} must have one symbolic output`);
  return out;
}

export function imageInput(inputShape: InputShape): Sym {
  return tf.input({ shape: [...inputShape], name: 'input' });
}

/** Wraps the graph into a model that carries its description. */
export function finishModel(name: string, input: Sym, output: Sym, description: ModelDescription): tf.LayersModel {
  const model = tf.model({ inputs: input, outputs: output, name });
  model.setUserDefinedMetadata({ variant: description.variant, paper: description.paper });
  return model;
}

/** The description a zoo builder stored, or null for models built elsewhere. */
export function readDescription(model: tf.LayersModel): ModelDescription | null {
  const metadata: object | undefined = model.getUserDefinedMetadata();
  if (metadata === undefined || !('variant' in metadata) || !('paper' in metadata)) return null;
  const { variant, paper } = metadata;
  // A network saved before the zoo spoke in words (protocol/words.ts) carries its description as an English string.
  const text = isWords(variant) || typeof variant === 'string';
  return text && typeof paper === 'string' ? { variant, paper } : null;
}

export interface ConvOptions {
  readonly stride?: number;
  readonly bias?: boolean;
  readonly activation?: 'relu' | 'linear';
  /** Name of the explicit padding layer, when one is needed; default `${name}_pad`. */
  readonly padName?: string;
}

/**
 * A k x k convolution padded as PyTorch / Caffe pad it: (k - 1) / 2 zeros on
 * every side. At stride 1 that is tfjs 'same'; at a larger stride tfjs 'same'
 * would pad one side more, so the padding becomes an explicit `${name}_pad` layer.
 */
export function conv(x: Sym, name: string, filters: number, kernel: number, options: ConvOptions = {}): Sym {
  const { stride = 1, bias = true, activation = 'linear', padName = `${name}_pad` } = options;
  const explicitPad = stride > 1 && kernel > 1;
  const padded = explicitPad ? zeroPad(x, padName, (kernel - 1) / 2) : x;
  const layer = tf.layers.conv2d({
    name,
    filters,
    kernelSize: kernel,
    strides: stride,
    padding: explicitPad ? 'valid' : 'same',
    useBias: bias,
    activation,
  });
  return connect(layer, padded);
}

export function zeroPad(x: Sym, name: string, padding: number): Sym {
  return connect(tf.layers.zeroPadding2d({ name, padding }), x);
}

export interface BatchNormOptions {
  /** Keras convention: moving = momentum * moving + (1 - momentum) * batch; PyTorch's 0.1 is 0.9 here. */
  readonly momentum?: number;
  readonly epsilon?: number;
}

export function batchNorm(x: Sym, name: string, { momentum = 0.9, epsilon = 1e-5 }: BatchNormOptions = {}): Sym {
  return connect(tf.layers.batchNormalization({ name, momentum, epsilon }), x);
}

export function relu(x: Sym, name: string, maxValue?: number): Sym {
  return connect(tf.layers.reLU({ name, maxValue }), x);
}

/**
 * `${prefix}_conv` (no bias: the batch norm's beta replaces it) then `${prefix}_bn`,
 * the unit every ResNet and MobileNet is made of.
 */
export function convBn(x: Sym, prefix: string, filters: number, kernel: number, stride = 1): Sym {
  const convolved = conv(x, `${prefix}_conv`, filters, kernel, { stride, bias: false, padName: `${prefix}_pad` });
  return batchNorm(convolved, `${prefix}_bn`);
}

/** Global average pooling then the softmax classifier, as torchvision and Keras end their CNNs. */
export function poolAndClassify(x: Sym, classes: number): Sym {
  const pooled = connect(tf.layers.globalAveragePooling2d({ name: 'avg_pool' }), x);
  return connect(tf.layers.dense({ name: 'predictions', units: classes, activation: 'softmax' }), pooled);
}
