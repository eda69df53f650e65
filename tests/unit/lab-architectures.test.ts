// The architecture lab's networks: small variants of every family for 28x28x1 images and 10 classes, each a zoo
// name built by its family's one builder. Counts are checked against hand arithmetic (tests/helpers/lab-by-hand.ts),
// and every network takes a few SGD steps on tfjs WASM, as the lab trains them in the browser.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explorerDiagram, diagramHtml } from '~/components/explorer/explorer-view';
import en from '~/content/i18n/en.json';
import ru from '~/content/i18n/ru.json';
import { buildZooModel, lookupModel } from '~/runtime/models';
import {
  explorerInputShape,
  explorerSizes,
  LAB_ARCHITECTURES,
  LAB_CLASSES,
  LAB_INPUT_SHAPE,
  labArchitectureWords,
  words,
  ZOO_NAMES,
  type LabArchitecture,
} from '~/runtime/protocol';
import { summarizeModel } from '~/runtime/summary';
import { describeArchitecture } from '~/runtime/summary/graph';
import { registerWasmKernels } from '~/runtime/wasm';
import {
  alexnetMnistByHand,
  cifarByHand,
  lenet5ByHand,
  mobilenetMnistByHand,
  vgg8MnistByHand,
  type Counts,
} from '../helpers/lab-by-hand';
import { english } from '../helpers/words';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const LAB = { inputShape: [...LAB_INPUT_SHAPE], classes: LAB_CLASSES };

// lab network: its counts at 28x28x1, by hand from its configuration
const BY_HAND: Record<LabArchitecture, () => Counts> = {
  lenet5: lenet5ByHand,
  'alexnet-mnist': () => alexnetMnistByHand(LAB_INPUT_SHAPE),
  'vgg8-mnist': () => vgg8MnistByHand(LAB_INPUT_SHAPE),
  'plain20-cifar': () => cifarByHand(20, 'plain', LAB_INPUT_SHAPE),
  'resnet20-cifar': () => cifarByHand(20, 'v1', LAB_INPUT_SHAPE),
  'plain56-cifar': () => cifarByHand(56, 'plain', LAB_INPUT_SHAPE),
  'resnet56-cifar': () => cifarByHand(56, 'v1', LAB_INPUT_SHAPE),
  'preact-resnet20-basic-cifar': () => cifarByHand(20, 'preact', LAB_INPUT_SHAPE),
  'mobilenet-v1-mnist': () => mobilenetMnistByHand(LAB_INPUT_SHAPE),
};

function summaryOf(name: string, options = LAB) {
  const model = buildZooModel(name, options);
  try {
    return summarizeModel(model);
  } finally {
    model.dispose();
  }
}

describe('the lab list', () => {
  it('offers zoo names only, each once, and words for each in English and Russian', () => {
    expect(LAB_ARCHITECTURES.filter((name) => !ZOO_NAMES.includes(name))).toEqual([]);
    expect(new Set(LAB_ARCHITECTURES).size).toBe(LAB_ARCHITECTURES.length);
    for (const name of LAB_ARCHITECTURES) {
      const { key } = labArchitectureWords(name);
      expect(en, name).toHaveProperty([key]);
      expect(ru, name).toHaveProperty([key]);
    }
  });

  it('names every family of small networks with -mnist, and those build 28x28x1 -> 10 by default', () => {
    const mnist = ZOO_NAMES.filter((name) => name.endsWith('-mnist'));
    expect(mnist).toEqual(['alexnet-mnist', 'vgg8-mnist', 'mobilenet-v1-mnist']);
    for (const name of mnist) {
      const { inputShape, outputShape } = summaryOf(name, {} as typeof LAB);
      expect([inputShape, outputShape], name).toEqual([[28, 28, 1], [10]]);
      expect(explorerSizes(name), name).toEqual({ sizes: [28], shapes: ['28×28×1'] });
    }
  });
});

describe.each(LAB_ARCHITECTURES)('%s at 28x28x1', (name) => {
  it('has the parameters and MACs its configuration gives by hand', () => {
    const { trainableParams, nonTrainableParams, macs, outputShape, uncountedLayers } = summaryOf(name);
    expect({ trainable: trainableParams, nonTrainable: nonTrainableParams, macs }).toEqual(BY_HAND[name]());
    expect(outputShape).toEqual([LAB_CLASSES]);
    expect(uncountedLayers).toEqual([]);
  });
});

describe('counting by hand', () => {
  it("gives the CIFAR ResNets' published parameter counts (0.27M, 0.85M) at 32x32x3", () => {
    // akamaster/pytorch_resnet_cifar10, as the zoo table: 269,722 and 853,018 trainable.
    expect(cifarByHand(20, 'v1', [32, 32, 3]).trainable).toBe(269_722);
    expect(cifarByHand(56, 'v1', [32, 32, 3]).trainable).toBe(853_018);
  });
});

describe('the plain networks', () => {
  it.each([
    ['plain20-cifar', 'resnet20-cifar'],
    ['plain56-cifar', 'resnet56-cifar'],
  ])('%s has exactly the weights of %s (option-A shortcuts have none) and no additions', (plain, resnet) => {
    const weightsOf = (name: string) => {
      const model = buildZooModel(name, LAB);
      const weights = model.weights.map((w) => [w.name.replace(/_\d+$/, ''), w.shape.join('x')].join(' '));
      const adds = model.layers.filter((l) => l.getClassName() === 'Add').length;
      model.dispose();
      return { weights, adds };
    };
    const [p, r] = [weightsOf(plain), weightsOf(resnet)];
    expect(p.weights).toEqual(r.weights);
    expect(p.adds).toBe(0);
    expect(r.adds).toBe((Number(plain.match(/\d+/)![0]) - 2) / 2);
  });
});

describe('every lab network', () => {
  beforeAll(async () => {
    const dir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'));
    setWasmPaths(join(dir, 'dist') + '/');
    await tf.setBackend('wasm');
    registerWasmKernels();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(LAB_ARCHITECTURES)(
    '%s runs forward on [2, 28, 28, 1] and SGD lowers its loss on a fixed batch',
    async (name) => {
      const model = buildZooModel(name, LAB);
      const batch = 8;
      const [x, y] = tf.tidy(() => [
        tf.randomNormal([batch, ...LAB_INPUT_SHAPE], 0, 1, 'float32', 7),
        tf.oneHot(tf.range(0, batch, 1, 'int32'), LAB_CLASSES).toFloat(),
      ]);
      try {
        const probabilities = tf.tidy(() => model.predict(x.slice(0, 2)) as tf.Tensor);
        expect(probabilities.shape).toEqual([2, LAB_CLASSES]);
        const sums = await tf.tidy(() => probabilities.sum(-1)).data();
        probabilities.dispose();
        for (const sum of sums) expect(sum).toBeCloseTo(1, 4);

        // Plain SGD at 0.05, 8 steps: measured on these networks, the loss falls by 1-90% (plain-56 and the
        // dropout nets are the noisiest); the training-mode loss of the first step against the last two's mean.
        model.compile({ optimizer: tf.train.sgd(0.05), loss: 'categoricalCrossentropy' });
        const { history } = await model.fit(x, y, { epochs: 8, batchSize: batch, shuffle: false, verbose: 0 });
        const losses = history.loss!.map(Number);
        expect(losses.every(Number.isFinite)).toBe(true);
        expect((losses.at(-1)! + losses.at(-2)!) / 2).toBeLessThan(losses[0]!);
      } finally {
        tf.dispose([x, y]);
        model.dispose();
      }
    },
  );
});

describe('the explorer', () => {
  it.each(LAB_ARCHITECTURES)('draws %s from its computed graph', (name) => {
    const say = (key: string, values?: Record<string, unknown>) =>
      english(words(key, values as Parameters<typeof words>[1]));
    const model = buildZooModel(name, { inputShape: explorerInputShape(name, null) });
    const graph = describeArchitecture(model, name);
    model.dispose();
    const diagram = explorerDiagram(graph, { say, lang: 'en' });
    expect(diagram.boxes.length).toBeGreaterThan(3);
    expect(diagramHtml(graph, diagram, { say, lang: 'en' })).toMatch(/^<svg[^>]* role="img"/);
  });
});

describe('lookupModel', () => {
  it('keeps basic pre-activation CIFAR networks apart from the bottleneck ones of the same depth', () => {
    expect(lookupModel('preact-resnet20-basic-cifar').family).toBe('preact-resnet-basic-cifar');
    expect(lookupModel('preact-resnet20-cifar').family).toBe('preact-resnet-cifar');
    const [basic, bottleneck] = ['preact-resnet20-basic-cifar', 'preact-resnet20-cifar'].map((name) => {
      const model = buildZooModel(name, LAB);
      const kernels = model.layers.filter((l) => l.name.startsWith('conv2_block1_')).map((l) => l.name);
      model.dispose();
      return kernels.filter((n) => n.endsWith('_conv')).sort();
    });
    expect(basic).toEqual(['conv2_block1_1_conv', 'conv2_block1_2_conv']);
    expect(bottleneck).toEqual([
      'conv2_block1_0_conv',
      'conv2_block1_1_conv',
      'conv2_block1_2_conv',
      'conv2_block1_3_conv',
    ]);
  });
});
