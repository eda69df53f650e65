/**
 * `check`, the API exercise checks are written in (and readers may use too): each call either records what it
 * confirmed or throws a CheckFailed that says what the reader's code did and what was expected, computed from the
 * reader's own model (shapes, parameters, layers, receptive field, MACs, values). Both are words with values
 * (protocol/words.ts), so the page says them in its language; a label or hint the check's author passed is theirs
 * and is shown as written.
 */
import * as tf from '@tensorflow/tfjs';
import { quantity, words, type Text, type Words } from '../protocol/words.ts';
import { summarizeModel } from '../summary/index.ts';

export class CheckFailed extends Error {
  constructor(readonly text: Text) {
    super(typeof text === 'string' ? text : text.key);
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
  readonly confirmed: readonly Text[];
}

const list = (shape: Shape) => `[${shape.map((d) => (d === null ? '?' : d)).join(', ')}]`;

export function createCheck(): CheckApi {
  const confirmed: Text[] = [];
  const fail = (message: Words, hint?: string): never => {
    throw new CheckFailed(hint ? words('check.withHint', { message, hint }) : message);
  };
  const OUTPUT = words('check.what.output');
  const VALUES = words('check.what.values');
  return {
    confirmed,
    shape(actual, expected, label) {
      const what = label ?? OUTPUT;
      let shape: Shape = Array.isArray(actual) ? actual : (actual as { shape: Shape }).shape;
      if (shape.length === expected.length + 1) shape = shape.slice(1); // the batch axis
      const same = shape.length === expected.length && shape.every((d, i) => expected[i] === null || d === expected[i]);
      if (!same) fail(words('check.shape.failed', { what, actual: list(shape), expected: list(expected) }));
      confirmed.push(words('check.shape.confirmed', { what, actual: list(shape) }));
    },
    params(model, expected, hint) {
      const actual = summarizeModel(model).trainableParams;
      if (actual !== expected)
        fail(words('check.params.failed', { expected: quantity(expected), actual: quantity(actual) }), hint);
      confirmed.push(words('check.params.confirmed', { count: quantity(actual) }));
    },
    layers(model, expected, hint) {
      const actual = model.layers.map((l) => l.getClassName()).filter((t) => t !== 'InputLayer');
      const first = actual.findIndex((t, i) => t !== expected[i]);
      if (first >= 0 || actual.length !== expected.length) {
        const at = first >= 0 ? first : Math.min(actual.length, expected.length);
        const order = expected.join(' → ');
        fail(
          words('check.layers.failed', {
            position: at + 1,
            actual: actual[at] ?? words('check.layers.missing'),
            expected: expected[at] ?? words('check.layers.noMore'),
            order,
          }),
          hint,
        );
      }
      confirmed.push(words('check.layers.confirmed', { order: actual.join(' → ') }));
    },
    receptiveField(model, expected, hint) {
      const field = summarizeModel(model).receptiveField;
      if (!field) fail(words('check.field.none'), hint);
      const [h, w] = field!.size;
      if (h !== expected || w !== expected)
        fail(words('check.field.failed', { actual: h === w ? `${h}` : `${h}×${w}`, count: expected }), hint);
      confirmed.push(words('check.field.confirmed', { count: expected }));
    },
    macsAtMost(model, budget, hint) {
      const macs = summarizeModel(model).macs;
      const values = { actual: quantity(macs, 'macs'), budget: quantity(budget, 'macs') };
      if (macs > budget) fail(words('check.macs.failed', values), hint);
      confirmed.push(words('check.macs.confirmed', values));
    },
    async close(actual, expected, tolerance = 1e-4, label) {
      const what = label ?? VALUES;
      const reference = expected instanceof tf.Tensor ? expected : tf.tensor(expected);
      try {
        if (actual.size !== reference.size)
          fail(words('check.close.size', { what, actual: quantity(actual.size), expected: quantity(reference.size) }));
        const gap = tf.tidy(() =>
          actual
            .reshape([-1])
            .sub(reference.reshape([-1]))
            .abs()
            .max(),
        );
        const worst = (await gap.data())[0]!;
        gap.dispose();
        const allowed = quantity(tolerance, 'plain');
        if (!(worst <= tolerance))
          fail(words('check.close.failed', { what, worst: quantity(worst, 'precision3'), tolerance: allowed }));
        confirmed.push(words('check.close.confirmed', { what, tolerance: allowed }));
      } finally {
        if (reference !== expected) reference.dispose();
      }
    },
    inRange(value, min, max, what) {
      const [v, lo, hi] = [value, min, max].map((n) => quantity(n, 'plain'));
      if (!(value >= min && value <= max)) fail(words('check.range.failed', { what, value: v, min: lo, max: hi }));
      confirmed.push(words('check.range.confirmed', { what, value: v }));
    },
    that(condition, message, passed) {
      if (!condition) throw new CheckFailed(message); // the author's own words
      if (passed) confirmed.push(passed);
    },
  };
}
