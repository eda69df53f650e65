// The receptive box of one unit against where its gradient can reach: in a network with no ReLU and no max pool
// (every path carries gradient), the input pixels with a non-zero gradient are exactly the unit's receptive field.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildZooModel } from '~/runtime/models/registry';
import { receptiveBox } from '~/runtime/summary';

/** The box around every input pixel whose gradient for unit (row, col, 0) of `layer` is not zero. */
function gradientBox(model: tf.LayersModel, layer: string, row: number, col: number) {
  const probe = tf.model({ inputs: model.inputs, outputs: model.getLayer(layer).output as tf.SymbolicTensor });
  const [h, w] = model.inputs[0]!.shape.slice(1, 3) as number[];
  const grad = tf.tidy(() =>
    tf
      .grad((x: tf.Tensor) => (probe.apply(x) as tf.Tensor).slice([0, row, col, 0], [1, 1, 1, 1]).sum())(
        tf.ones([1, h!, w!, 1]),
      )
      .abs()
      .sum([0, 3]),
  );
  const values = grad.arraySync() as number[][];
  grad.dispose();
  const rows = values.flatMap((r, y) => (r.some((v) => v > 0) ? [y] : []));
  const cols = values[0]!.flatMap((_, x) => (values.some((r) => r[x]! > 0) ? [x] : []));
  return { top: rows[0], left: cols[0], bottom: rows.at(-1), right: cols.at(-1) };
}

/** Positive weights, so no product cancels another and every reachable pixel shows. */
const positive = { kernelInitializer: tf.initializers.randomUniform({ minval: 0.1, maxval: 1, seed: 1 }) };

describe('the receptive box of one unit', () => {
  beforeAll(() => tf.setBackend('cpu'));

  const nets: Record<string, () => tf.LayersModel> = {
    'valid convolutions and a stride': () =>
      tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [20, 20, 1], filters: 2, kernelSize: 3, ...positive }),
          tf.layers.conv2d({ filters: 2, kernelSize: 3, strides: 2, ...positive }),
          tf.layers.conv2d({ filters: 2, kernelSize: 3, name: 'last', ...positive }),
        ],
      }),
    "'same' padding (odd and even kernels) and an average pool": () =>
      tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [17, 17, 1], filters: 2, kernelSize: 5, padding: 'same', ...positive }),
          tf.layers.averagePooling2d({ poolSize: 2 }),
          tf.layers.conv2d({ filters: 2, kernelSize: 4, padding: 'same', ...positive }), // tfjs has no gradient of a dilated convolution
          tf.layers.conv2d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', name: 'last', ...positive }),
        ],
      }),
    'zero padding before a strided convolution': () =>
      tf.sequential({
        layers: [
          tf.layers.zeroPadding2d({ inputShape: [15, 15, 1], padding: 2 }),
          tf.layers.conv2d({ filters: 2, kernelSize: 4, strides: 2, ...positive }),
          tf.layers.conv2d({ filters: 2, kernelSize: 3, name: 'last', ...positive }),
        ],
      }),
  };

  for (const [name, build] of Object.entries(nets))
    it(`is where the gradient reaches: ${name}`, () => {
      const model = build();
      const [, h, w] = model.getLayer('last').outputShape as number[];
      for (const [row, col] of [
        [0, 0],
        [Math.floor(h! / 2), Math.floor(w! / 2)],
        [h! - 1, w! - 1],
        [0, w! - 1],
      ] as const)
        expect(receptiveBox(model, 'last', row, col), `unit (${row}, ${col})`).toEqual(
          gradientBox(model, 'last', row, col),
        );
      model.dispose();
    });
  it("backs cv-04's VGG sentence: VGG-8's two stacked 3×3 convolutions see a 5×5 window", () => {
    const model = buildZooModel('vgg8-mnist');
    expect(receptiveBox(model, 'block1_conv2', 10, 10)).toEqual({ top: 8, left: 8, bottom: 12, right: 12 });
    model.dispose();
  });
});
