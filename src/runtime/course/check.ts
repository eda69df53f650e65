/**
 * `check`, the API exercise checks are written in (and readers may use too): each call either records what it
 * confirmed or throws a CheckFailed whose message says what the reader's code did and what was expected,
 * computed from the reader's own model (shapes, parameters, layers, receptive field, MACs, values).
 */
import * as tf from '@tensorflow/tfjs';
import { formatCount, formatMacs } from '../protocol/index.ts';
import { summarizeModel } from '../summary/index.ts';

export class CheckFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailed';
  }
}

type Shape = readonly (number | null)[];
type Shaped = Shape | { shape: Shape };

export interface CheckApi {
  /** The shape of a tensor, a symbolic tensor (a layer's output) or an array; a leading batch axis is ignored. */
  shape(actual: Shaped, expected: Shape, what?: string): void;
  /** The model's trainable parameter count; `hint` is added to the failure message. */
  params(model: tf.LayersModel, expected: number, hint?: string): void;
  /** The model's layer types in order (tfjs class names, the input layer left out), e.g. ['Conv2D', 'ReLU']. */
  layers(model: tf.LayersModel, expected: readonly string[], hint?: string): void;
  /** The receptive field (in input pixels) of the model's last convolution. */
  receptiveField(model: tf.LayersModel, expected: number, hint?: string): void;
  /** The model's multiply-accumulates per example are at most `budget`. */
  macsAtMost(model: tf.LayersModel, budget: number, hint?: string): void;
  /** Every value of `actual` within `tolerance` of `expected`. */
  close(actual: tf.Tensor, expected: tf.Tensor | number | number[], tolerance?: number, what?: string): Promise<void>;
  /** `min <= value <= max`. */
  inRange(value: number, min: number, max: number, what: string): void;
  /** A condition, with the message to show when it does not hold. */
  that(condition: unknown, message: string, passed?: string): void;
  /** What the checks confirmed so far, in order: what the page lists under a pass. */
  readonly confirmed: readonly string[];
}

const list = (shape: Shape) => `[${shape.map((d) => (d === null ? '?' : d)).join(', ')}]`;

export function createCheck(): CheckApi {
  const confirmed: string[] = [];
  const fail = (message: string, hint?: string): never => {
    throw new CheckFailed(hint ? `${message}: ${hint}` : message);
  };
  return {
    confirmed,
    shape(actual, expected, what = 'your output') {
      let shape: Shape = Array.isArray(actual) ? actual : (actual as { shape: Shape }).shape;
      if (shape.length === expected.length + 1) shape = shape.slice(1); // the batch axis
      const same = shape.length === expected.length && shape.every((d, i) => expected[i] === null || d === expected[i]);
      if (!same) fail(`${what} is ${list(shape)}; expected ${list(expected)}`);
      confirmed.push(`${what}: ${list(shape)}`);
    },
    params(model, expected, hint) {
      const actual = summarizeModel(model).trainableParams;
      if (actual !== expected)
        fail(`${formatCount(expected)} parameters expected, yours has ${formatCount(actual)}`, hint);
      confirmed.push(`${formatCount(actual)} parameters`);
    },
    layers(model, expected, hint) {
      const actual = model.layers.map((l) => l.getClassName()).filter((t) => t !== 'InputLayer');
      const first = actual.findIndex((t, i) => t !== expected[i]);
      if (first >= 0 || actual.length !== expected.length) {
        const at = first >= 0 ? first : Math.min(actual.length, expected.length);
        fail(
          `layer ${at + 1} is ${actual[at] ?? 'missing'}; expected ${expected[at] ?? 'no more layers'} (expected order: ${expected.join(' → ')})`,
          hint,
        );
      }
      confirmed.push(`layers in order: ${actual.join(' → ')}`);
    },
    receptiveField(model, expected, hint) {
      const field = summarizeModel(model).receptiveField;
      if (!field) fail('your model has no convolution, so no receptive field', hint);
      const [h, w] = field!.size;
      if (h !== expected || w !== expected)
        fail(`your receptive field is ${h === w ? h : `${h}×${w}`} pixels; expected ${expected}`, hint);
      confirmed.push(`receptive field: ${expected} pixels`);
    },
    macsAtMost(model, budget, hint) {
      const macs = summarizeModel(model).macs;
      if (macs > budget) fail(`your model needs ${formatMacs(macs)} MACs; the budget is ${formatMacs(budget)}`, hint);
      confirmed.push(`${formatMacs(macs)} MACs, within ${formatMacs(budget)}`);
    },
    async close(actual, expected, tolerance = 1e-4, what = 'your values') {
      const reference = expected instanceof tf.Tensor ? expected : tf.tensor(expected);
      try {
        if (actual.size !== reference.size) fail(`${what} have ${actual.size} values; expected ${reference.size}`);
        const gap = tf.tidy(() =>
          actual
            .reshape([-1])
            .sub(reference.reshape([-1]))
            .abs()
            .max(),
        );
        const worst = (await gap.data())[0]!;
        gap.dispose();
        if (!(worst <= tolerance))
          fail(`${what} differ from the expected ones by up to ${worst.toPrecision(3)} (allowed: ${tolerance})`);
        confirmed.push(`${what} match, to within ${tolerance}`);
      } finally {
        if (reference !== expected) reference.dispose();
      }
    },
    inRange(value, min, max, what) {
      if (!(value >= min && value <= max)) fail(`${what} is ${value}; expected between ${min} and ${max}`);
      confirmed.push(`${what}: ${value}`);
    },
    that(condition, message, passed) {
      if (!condition) fail(message);
      if (passed) confirmed.push(passed);
    },
  };
}
