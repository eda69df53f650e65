import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ScaledTanh } from '../../src/runtime/models/layers/scaled-tanh.ts';
import { Subsampling } from '../../src/runtime/models/layers/subsampling.ts';
import { PartialConv2D } from '../../src/runtime/models/layers/partial-conv2d.ts';
import { RbfOutput } from '../../src/runtime/models/layers/rbf-output.ts';
import { LocalResponseNormalization } from '../../src/runtime/models/layers/lrn.ts';
import { ZeroPadShortcut } from '../../src/runtime/models/layers/zero-pad-shortcut.ts';
import { DIGIT_PROTOTYPES } from '../../src/runtime/models/layers/digit-prototypes.ts';
import { buildZooModel } from '../../src/runtime/models/index.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => {
  expect(tf.memory().numTensors).toBe(0);
});

/** Runs `layer` on `x` inside a throwaway model, so it is built the way the zoo builds it. */
function run(layer: tf.layers.Layer, x: tf.Tensor, weights?: tf.Tensor[]): number[] {
  const input = tf.input({ shape: x.shape.slice(1) });
  const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
  if (weights) model.layers[1].setWeights(weights);
  const y = model.predict(x) as tf.Tensor;
  const values = Array.from(y.dataSync());
  tf.dispose([x, y, ...(weights ?? [])]);
  model.dispose();
  return values;
}

describe('ScaledTanh', () => {
  it("maps 1 to 1 and -1 to -1 with the paper's A = 1.7159, S = 2/3", () => {
    const [one, minusOne] = run(new ScaledTanh(), tf.tensor2d([[1, -1]]));
    expect(one).toBeCloseTo(1, 4);
    expect(minusOne).toBeCloseTo(-1, 4);
  });
});

describe('Subsampling', () => {
  it("multiplies each 2x2 sum by its map's coefficient and adds its bias", () => {
    // Two maps on a 2x2 grid: sums 1+2+3+4 = 10 and 10+20+30+40 = 100.
    const x = tf.tensor4d([1, 10, 2, 20, 3, 30, 4, 40], [1, 2, 2, 2]);
    const y = run(new Subsampling({}), x, [tf.tensor1d([0.5, -1]), tf.tensor1d([1, 2])]);
    expect(y).toEqual([6, -98]);
  });
});

describe('PartialConv2D', () => {
  it('equals a full convolution whose unconnected weights are zero, and stores only the connected ones', () => {
    const connections = [[0], [1, 2], [0, 2]];
    const kernels = connections.map((inputs, j) => tf.randomNormal([3, 3, inputs.length, 1], 0, 1, 'float32', j));
    const bias = tf.tensor1d([0.1, 0.2, 0.3]);
    const x = tf.randomNormal([1, 5, 5, 3], 0, 1, 'float32', 42);
    // The same weights scattered into a dense 3x3x3x3 kernel.
    const full = tf.tidy(() =>
      tf.concat(
        connections.map((inputs, j) => {
          const rows = [0, 1, 2].map((c) =>
            inputs.includes(c)
              ? tf.slice(kernels[j], [0, 0, inputs.indexOf(c), 0], [3, 3, 1, 1])
              : tf.zeros([3, 3, 1, 1]),
          );
          return tf.concat(rows, 2);
        }),
        3,
      ),
    );
    const expected = tf.tidy(() =>
      Array.from(tf.add(tf.conv2d(x as tf.Tensor4D, full as tf.Tensor4D, 1, 'valid'), bias).dataSync()),
    );
    const layer = new PartialConv2D({ kernelSize: 3, connections });
    const actual = run(layer, x.clone(), [...kernels.map((k) => k.clone()), bias.clone()]);
    expect(layer.countParams()).toBe((1 + 2 + 2) * 9 + 3);
    actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
    tf.dispose([full, x, bias, ...kernels]);
  });

  it('refuses a connection to a map the input lacks', () => {
    const layer = new PartialConv2D({ name: 'c3', kernelSize: 1, connections: [[0, 4]] });
    expect(() => layer.apply(tf.input({ shape: [2, 2, 3] }))).toThrow(
      /c3: output map 0 connects to input map 4, but the input has maps 0..2/,
    );
  });
});

describe('RbfOutput', () => {
  it('outputs the squared distance to each fixed prototype', () => {
    const layer = new RbfOutput({
      prototypes: [
        [1, 1],
        [-1, 1],
      ],
    });
    expect(run(layer, tf.tensor2d([[1, 0]]))).toEqual([1, 5]);
    expect(layer.trainableWeights).toHaveLength(0);
    expect(layer.countParams()).toBe(4);
  });

  it("uses ten distinct 7x12 bitmaps of +1 and -1 as LeNet-5's digit codes", () => {
    expect(DIGIT_PROTOTYPES).toHaveLength(10);
    expect(DIGIT_PROTOTYPES.every((code) => code.length === 84 && code.every((v) => v === 1 || v === -1))).toBe(true);
    expect(new Set(DIGIT_PROTOTYPES.map((code) => code.join())).size).toBe(10);
  });
});

describe('LocalResponseNormalization', () => {
  it('divides by (k + alpha * sum of squares over n = 5 neighbouring maps)^beta, alpha not divided by n', () => {
    const a = [1, 2, 3, 4, 5, 6];
    const y = run(new LocalResponseNormalization({ alpha: 0.1 }), tf.tensor4d(a, [1, 1, 1, 6]));
    a.forEach((value, c) => {
      const window = a.slice(Math.max(0, c - 2), c + 3);
      const expected = value / (2 + 0.1 * window.reduce((s, v) => s + v * v, 0)) ** 0.75;
      expect(y[c]).toBeCloseTo(expected, 5);
    });
  });
});

describe('ZeroPadShortcut', () => {
  it('keeps every second pixel and appends zero maps', () => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    expect(run(new ZeroPadShortcut({ stride: 2, filters: 2 }), x)).toEqual([1, 0, 3, 0, 7, 0, 9, 0]);
  });
});

describe('serialisation', () => {
  it.each([
    ['lenet5-1998', [32, 32, 1]],
    ['resnet20-cifar', [8, 8, 3]],
  ] as const)('round-trips %s through the tfjs model format with its custom layers', async (name, inputShape) => {
    const model = buildZooModel(name, { inputShape });
    let artifacts: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (saved) => {
        artifacts = saved;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    if (artifacts === null) throw new Error('nothing was saved');
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    const x = tf.randomNormal([1, ...inputShape], 0, 1, 'float32', 3);
    const [before, after] = [model, loaded].map((m) =>
      tf.tidy(() => Array.from((m.predict(x) as tf.Tensor).dataSync())),
    );
    after.forEach((v, i) => expect(v).toBeCloseTo(before[i], 4));
    expect(loaded.getUserDefinedMetadata()).toEqual(model.getUserDefinedMetadata());
    tf.dispose(x);
    model.dispose();
    loaded.dispose();
  });
});
