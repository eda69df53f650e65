import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildZooModel, ZOO_NAMES } from '../../src/runtime/models/index.ts';
import { summarizeModel, type ModelSummary } from '../../src/runtime/summary/index.ts';
import { english } from '../helpers/words';
import { MAC_TOLERANCE, ZOO_TABLE } from '../helpers/zoo-table.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Builds the default (ImageNet- or paper-sized) model once, summarises it and frees its weights. */
function summarize(name: string): ModelSummary {
  const model = buildZooModel(name);
  try {
    return summarizeModel(model);
  } finally {
    model.dispose();
  }
}

describe('the zoo table', () => {
  it('lists every architecture the registry names', () => {
    const tabled = new Set(ZOO_TABLE.map(([name]) => name));
    expect(ZOO_NAMES.filter((name) => !tabled.has(name))).toEqual([]);
  });
});

describe.each(ZOO_TABLE)('%s', (name, trainable, nonTrainable, referenceMacs, outputShape) => {
  it(`builds with ${trainable.toLocaleString('en-US')} trainable parameters and output ${outputShape.join('x')}`, () => {
    const summary = summarize(name);
    expect(summary.trainableParams).toBe(trainable);
    expect(summary.nonTrainableParams).toBe(nonTrainable);
    expect(summary.outputShape).toEqual(outputShape);
    expect(summary.layers.length).toBeGreaterThan(5);
    if (referenceMacs !== null) {
      expect(Math.abs(summary.macs - referenceMacs) / referenceMacs).toBeLessThan(MAC_TOLERANCE);
    }
    expect(tf.memory().numTensors).toBe(0);
  });
});

describe('lenet5-1998', () => {
  it('has the trainable parameters the paper gives for every layer', () => {
    const { layers } = summarize('lenet5-1998');
    const trainable = Object.fromEntries(
      layers.filter((l) => l.trainableParams > 0).map((l) => [l.name, l.trainableParams]),
    );
    expect(trainable).toEqual({ c1: 156, s2: 12, c3: 1_516, s4: 32, c5: 48_120, f6: 10_164 });
  });

  it('keeps its RBF prototypes fixed: 84 values for each of 10 digits, none trainable', () => {
    const output = summarize('lenet5-1998').layers.at(-1);
    expect(output).toMatchObject({ name: 'output', type: 'RbfOutput', trainableParams: 0, nonTrainableParams: 840 });
  });
});

describe('resnet stride placement', () => {
  it('says in the summary where a bottleneck strides', () => {
    const v1 = buildZooModel('resnet50', { inputShape: [32, 32, 3], classes: 10 });
    const v15 = buildZooModel('resnet50-v1.5', { inputShape: [32, 32, 3], classes: 10 });
    try {
      expect(english(summarizeModel(v1).variant)).toMatch(/v1: bottleneck stride on the first 1x1 conv/);
      expect(english(summarizeModel(v15).variant)).toMatch(/v1\.5: bottleneck stride on the 3x3 conv/);
      const strides = (model: tf.LayersModel) =>
        ['conv3_block1_1_conv', 'conv3_block1_2_conv'].map((n) => model.getLayer(n).getConfig().strides);
      expect(strides(v1)).toEqual([
        [2, 2],
        [1, 1],
      ]);
      expect(strides(v15)).toEqual([
        [1, 1],
        [2, 2],
      ]);
    } finally {
      v1.dispose();
      v15.dispose();
    }
  });
});
