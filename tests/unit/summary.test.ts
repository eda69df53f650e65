import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildZooModel } from '../../src/runtime/models/index.ts';
import { formatMacs, formatSummary } from '../../src/runtime/protocol/index.ts';
import { summarizeModel, type ModelSummary } from '../../src/runtime/summary/index.ts';
import { english } from '../helpers/words.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function summarizeThenDispose(model: tf.LayersModel): ModelSummary {
  try {
    return summarizeModel(model);
  } finally {
    model.dispose();
  }
}

/** A chain of layers on one input, as a model. */
function chain(inputShape: number[], layers: tf.layers.Layer[]): tf.LayersModel {
  const input = tf.input({ shape: inputShape, name: 'input' });
  const output = layers.reduce<tf.SymbolicTensor>((x, layer) => layer.apply(x) as tf.SymbolicTensor, input);
  return tf.model({ inputs: input, outputs: output });
}

function macsOf(summary: ModelSummary): Record<string, number | null> {
  return Object.fromEntries(summary.layers.map((l) => [l.name, l.macs]));
}

describe('MACs', () => {
  it('are unknown, never a confident 0, for layers the course cannot cost, and the summary says which', () => {
    const summary = summarizeThenDispose(
      chain(
        [12, 3],
        [
          tf.layers.conv1d({ name: 'conv1d', filters: 4, kernelSize: 3 }),
          tf.layers.lstm({ name: 'lstm', units: 5 }),
          tf.layers.dense({ name: 'dense', units: 2 }),
        ],
      ),
    );
    expect(macsOf(summary)).toEqual({ input: 0, conv1d: null, lstm: null, dense: 10 });
    expect(summary.macs).toBe(10);
    expect(summary.uncountedLayers).toEqual(['conv1d (Conv1D)', 'lstm (LSTM)']);
    const text = formatSummary(summary, english);
    expect(text).toMatch(/\nconv1d +Conv1D +10x4 +40 +0 +\?\n/);
    expect(text).toContain(
      'MACs unknown for 2 layers the course cannot cost (conv1d (Conv1D), lstm (LSTM)): the total counts only the others',
    );
    expect(formatMacs(null)).toBe('?');
  });

  it('count out_h * out_w * k * k * C_in * C_out for a convolution and in * out for a dense layer', () => {
    const summary = summarizeThenDispose(
      chain(
        [9, 9, 2],
        [
          tf.layers.conv2d({ name: 'same', filters: 4, kernelSize: 3, padding: 'same' }),
          tf.layers.conv2d({ name: 'strided', filters: 5, kernelSize: 3, strides: 2 }),
          tf.layers.flatten({ name: 'flatten' }),
          tf.layers.dense({ name: 'dense', units: 7 }),
        ],
      ),
    );
    expect(macsOf(summary)).toEqual({
      input: 0,
      same: 9 * 9 * 3 * 3 * 2 * 4,
      strided: 4 * 4 * 3 * 3 * 4 * 5,
      flatten: 0,
      dense: 4 * 4 * 5 * 7,
    });
    expect(summary.macs).toBe(9 * 9 * 9 * 2 * 4 + 4 * 4 * 9 * 4 * 5 + 4 * 4 * 5 * 7);
  });

  it('count k * k per output for depthwise, plus the pointwise part for separable convolutions', () => {
    const summary = summarizeThenDispose(
      chain(
        [8, 8, 3],
        [
          tf.layers.depthwiseConv2d({ name: 'dw', kernelSize: 3, depthMultiplier: 2, padding: 'same' }),
          tf.layers.separableConv2d({ name: 'sep', filters: 5, kernelSize: 3, padding: 'same' }),
        ],
      ),
    );
    expect(summary.layers.find((l) => l.name === 'dw')?.macs).toBe(8 * 8 * 6 * 9);
    expect(summary.layers.find((l) => l.name === 'sep')?.macs).toBe(8 * 8 * 6 * 9 + 8 * 8 * 6 * 5);
  });

  it('count nothing for batch norm, activations and pooling, whose parameters still count', () => {
    const summary = summarizeThenDispose(
      chain(
        [4, 4, 3],
        [
          tf.layers.batchNormalization({ name: 'bn' }),
          tf.layers.reLU({ name: 'relu' }),
          tf.layers.maxPooling2d({ name: 'pool', poolSize: 2 }),
        ],
      ),
    );
    expect(summary.macs).toBe(0);
    expect(summary.layers.find((l) => l.name === 'bn')).toMatchObject({ trainableParams: 6, nonTrainableParams: 6 });
  });

  it('formats with a unit', () => {
    expect([formatMacs(568_740_352), formatMacs(4_089_184_256), formatMacs(328_096), formatMacs(12)]).toEqual([
      '568.7 M',
      '4.09 G',
      '328.1 K',
      '12',
    ]);
  });
});

describe('receptive field of the last convolution', () => {
  it('composes kernel, stride and dilation along the path', () => {
    const summary = summarizeThenDispose(
      chain(
        [32, 32, 1],
        [
          tf.layers.conv2d({ name: 'a', filters: 2, kernelSize: 3 }),
          tf.layers.maxPooling2d({ name: 'pool', poolSize: 2 }),
          tf.layers.conv2d({ name: 'dilated', filters: 2, kernelSize: [3, 1], dilationRate: 2 }),
          tf.layers.flatten({ name: 'flatten' }),
          tf.layers.dense({ name: 'dense', units: 2 }),
        ],
      ),
    );
    // 3, then +1 at stride 1 for the pool, then +(5 - 1) * 2 (height) and +0 (width) for the dilated conv.
    expect(summary.receptiveField).toEqual({ layer: 'dilated', size: [12, 4], stride: [2, 2] });
  });

  it('follows the larger branch where paths merge', () => {
    const input = tf.input({ shape: [16, 16, 1] });
    const wide = tf.layers
      .conv2d({ name: 'wide', filters: 2, kernelSize: 5, padding: 'same' })
      .apply(input) as tf.SymbolicTensor;
    const narrow = tf.layers.conv2d({ name: 'narrow', filters: 2, kernelSize: 1 }).apply(input) as tf.SymbolicTensor;
    const sum = tf.layers.add().apply([narrow, wide]) as tf.SymbolicTensor;
    const last = tf.layers
      .conv2d({ name: 'last', filters: 2, kernelSize: 3, padding: 'same' })
      .apply(sum) as tf.SymbolicTensor;
    const summary = summarizeThenDispose(tf.model({ inputs: input, outputs: last }));
    expect(summary.receptiveField).toEqual({ layer: 'last', size: [7, 7], stride: [1, 1] });
  });

  it('is null without convolutions', () => {
    expect(summarizeThenDispose(chain([3], [tf.layers.dense({ units: 2 })])).receptiveField).toBeNull();
  });

  // Published values: Araujo, Norris & Sim, "Computing Receptive Fields of Convolutional Neural Networks", Distill 2019
  // (VGG-16 conv5_3 196, ResNet-50 v1 483, MobileNetV1 315); LeNet-5's C5 sees the whole 32x32 field (the paper);
  // torchvision's AlexNet conv5: 11, then +2*4, +4*8, +2*8, +3 * 2*16 = 163.
  it.each([
    ['vgg16-gap', [32, 32, 3], 'block5_conv3', 196],
    ['resnet50', [32, 32, 3], 'conv5_block3_3_conv', 483],
    ['mobilenet-v1', [32, 32, 3], 'conv_pw_13', 315],
    ['lenet5-1998', [32, 32, 1], 'c5', 32],
    ['alexnet', [63, 63, 3], 'conv5', 163],
  ] as const)('of %s is the published one', (name, inputShape, layer, size) => {
    const { receptiveField } = summarizeThenDispose(buildZooModel(name, { inputShape, classes: 10 }));
    expect(receptiveField).toMatchObject({ layer, size: [size, size] });
  });
});

describe('summarizeModel', () => {
  it('totals what tfjs counts, and is plain data that can cross to the page', () => {
    const model = buildZooModel('resnet20-cifar');
    const summary = summarizeModel(model);
    expect(summary.trainableParams + summary.nonTrainableParams).toBe(model.countParams());
    expect(summary.inputShape).toEqual([32, 32, 3]);
    expect(structuredClone(summary)).toEqual(summary);
    model.dispose();
  });

  it('reports a plain tfjs model without a variant or paper', () => {
    const summary = summarizeThenDispose(chain([3], [tf.layers.dense({ units: 2 })]));
    expect([summary.variant, summary.paper]).toEqual(['', '']);
  });

  it('formats rows, totals, the variant, the paper and the receptive field', () => {
    const text = formatSummary(summarizeThenDispose(buildZooModel('lenet5-1998')), english);
    expect(text).toContain('lenet5-1998: LeNet-5 as published: scaled tanh 1.7159 tanh(2a/3)');
    expect(text).toContain('LeCun, Bottou, Bengio & Haffner 1998');
    expect(text).toMatch(/\nc3 +PartialConv2D +10x10x16 +1,516 +0 +150,000\n/);
    expect(text).toMatch(/\ntotal .* 60,000 +840 +328,096\n/);
    expect(text).toContain('receptive field of the last convolution (c5): 32 pixels, stride 4');
  });
});
