/**
 * The training island's programs, run in the worker like a snippet (same backend choice, Stop, output budget and
 * leak check): train LeNet-5 on the site's MNIST digits with live charts, then show feature maps for the test
 * digit the reader picks. Only the trained weights outlive a run, so a pick can rebuild the network.
 *
 * The loop is written out (not `model.fit`) because two of the settings act between batches: the random shifts
 * and the cosine step size. With the defaults (standardised inputs, shifts of up to one pixel, Adam at 0.005
 * decaying to zero) six runs in Node reached 97.35-97.95% test accuracy after 3 epochs; constant 0.003 without
 * shifts ended at 94-97%.
 */
import * as tf from '@tensorflow/tfjs';
import type { ProgramCourse } from '../../course/course-module.ts';
import type { DatasetSplit } from '../../data/dataset.ts';
import { ReaderError } from '../../host/reader-error.ts';
import type { RunConsole } from '../../host/run-console.ts';
import { yielder } from '../../host/yielder.ts';
import { words, type Text } from '../../protocol/index.ts';
import {
  buildLeNet,
  forgetNetwork,
  keepNetwork,
  keptNetwork,
  measureStandardisation,
  predictDigits,
  rebuildLeNet,
  showFeatureMaps,
  standardise,
  type Standardisation,
  type TrainingRun,
} from '../../networks/kept-lenet.ts';

/** Test digits shown in the prediction gallery, and mistakes shown after them. */
const GALLERY_SIZE = 24;
const MISTAKES_SHOWN = 24;

/** The test-set predictions of `model` (for the galleries' captions), its inputs standardised as in training. */
export async function predictTestDigits(
  course: ProgramCourse,
  model: tf.LayersModel,
  standardisation: Standardisation,
) {
  const test = await course.mnist({ split: 'test' });
  const predictions = await predictDigits(model, test.xs, standardisation);
  const correct = predictions.filter((g, i) => g === test.labels[i]).length;
  tf.dispose([test.xs, test.ys]);
  return { predictions, testAccuracy: Math.round((10_000 * correct) / predictions.length) / 100 };
}

const caption = (label: number, guess: number): Text =>
  label === guess ? `${guess}` : words('trainer.gallery.wrong', { guess, label });

/**
 * Moves each digit by a pixel or not on each axis (-1 and +1 a quarter of the time each; blank pixels fill in),
 * so no two epochs see quite the same images.
 */
function shiftAtRandom(digits: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const n = digits.shape[0];
    const [dx, dy] = tf.split(tf.randomUniform([n, 2], -1, 1).round(), 2, 1);
    // Projective transforms [a0 a1 a2 b0 b1 b2 c0 c1] map each output pixel (x, y) to input (x + dx, y + dy).
    const [one, zero] = [tf.ones([n, 1]), tf.zeros([n, 1])];
    const transforms = tf.concat([one, zero, dx!, zero, one, dy!, zero, zero], 1) as tf.Tensor2D;
    return tf.image.transform(digits, transforms, 'nearest', 'constant', 0);
  });
}

/** Adam's step size for `step` of `total`: constant, or half a cosine from the chosen rate down to zero. */
function stepSize(settings: TrainingRun, step: number, total: number): number {
  return settings.schedule === 'constant'
    ? settings.learningRate
    : (settings.learningRate / 2) * (1 + Math.cos((Math.PI * step) / total));
}

/** Runs the epochs with live charts and progress; Stop ends it at the next batch. */
async function trainEpochs(
  course: ProgramCourse,
  model: tf.LayersModel,
  optimizer: tf.AdamOptimizer,
  settings: TrainingRun,
  train: DatasetSplit,
  test: { xs: tf.Tensor; ys: tf.Tensor },
  standardisation: Standardisation,
) {
  const { epochs, batchSize } = settings;
  const count = train.labels.length;
  const batchesPerEpoch = Math.ceil(count / batchSize);
  const total = epochs * batchesPerEpoch;
  const xLabel = words('trainer.chart.epoch');
  const perBatch = course.plot(
    words('trainer.chart.perBatch'),
    { loss: [], accuracy: [] },
    { xLabel, labels: { loss: words('trainer.chart.loss'), accuracy: words('trainer.chart.accuracy') } },
  );
  const perEpoch = course.plot(
    words('trainer.chart.perEpoch'),
    { trainingLoss: [], trainingAccuracy: [], testAccuracy: [] },
    {
      xLabel,
      labels: {
        trainingLoss: words('trainer.chart.trainingLoss'),
        trainingAccuracy: words('trainer.chart.trainingAccuracy'),
        testAccuracy: words('trainer.chart.testAccuracy'),
      },
    },
  );
  const breathe = yielder();
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = tf.util.createShuffledIndices(count);
    let [lossSum, accuracySum] = [0, 0];
    for (let batch = 0; batch < batchesPerEpoch; batch++) {
      const step = epoch * batchesPerEpoch + batch;
      const indices = tf.tensor1d(Array.from(order.subarray(batch * batchSize, (batch + 1) * batchSize)), 'int32');
      const xs = tf.tidy(() => {
        const digits = tf.gather(train.xs, indices) as tf.Tensor4D;
        return standardise(settings.augment === 'shift' ? shiftAtRandom(digits) : digits, standardisation);
      });
      const ys = tf.gather(train.ys, indices);
      // tfjs's Adam reads its step size on every update, so the schedule can set it between batches.
      (optimizer as unknown as { learningRate: number }).learningRate = stepSize(settings, step, total);
      const [loss, accuracy] = (await model.trainOnBatch(xs, ys)) as number[];
      tf.dispose([indices, xs, ys]);
      [lossSum, accuracySum] = [lossSum + loss!, accuracySum + accuracy!];
      perBatch.append((step + 1) / batchesPerEpoch, loss!, accuracy!);
      await breathe();
      course.progress(step + 1, total, words('trainer.progress', { epoch: epoch + 1, epochs })); // throws once Stop is pressed
    }
    const scores = model.evaluate(test.xs, test.ys, { batchSize: 500 }) as tf.Scalar[];
    const testAccuracy = (await scores[1]!.data())[0]!;
    tf.dispose(scores);
    perEpoch.append(epoch + 1, lossSum / batchesPerEpoch, accuracySum / batchesPerEpoch, testAccuracy);
  }
}

/** Test accuracy, the prediction galleries (pickable digits) and the learned c1 filters; returns the predictions. */
async function showResults(
  course: ProgramCourse,
  console: RunConsole,
  model: tf.LayersModel,
  test: DatasetSplit,
  standardisation: Standardisation,
): Promise<number[]> {
  const predictions = await predictDigits(model, test.xs, standardisation);
  const mistakes = predictions.flatMap((g, i) => (g === test.labels[i] ? [] : [i]));
  const correct = predictions.length - mistakes.length;
  const percent = ((100 * correct) / predictions.length).toFixed(2);
  console.info(words('trainer.result.accuracy', { percent, correct, total: predictions.length }));

  const shownMistakes = mistakes.slice(0, MISTAKES_SHOWN);
  const more =
    mistakes.length > shownMistakes.length
      ? words('trainer.gallery.firstMistakes', { shown: shownMistakes.length })
      : '';
  for (const [title, indices] of [
    [words('trainer.gallery.first', { count: GALLERY_SIZE }), Array.from({ length: GALLERY_SIZE }, (_, i) => i)],
    [words('trainer.gallery.mistakes', { count: mistakes.length, more }), shownMistakes],
  ] as const) {
    if (indices.length === 0) continue;
    const images = tf.gather(test.xs, [...indices]);
    await course.gallery(
      images,
      indices.map((i) => caption(test.labels[i]!, predictions[i]!)),
      { title, flagged: indices.map((i) => predictions[i] !== test.labels[i]), picks: [...indices] },
    );
    images.dispose();
  }
  const filters = tf.tidy(() => (model.getLayer('c1').getWeights()[0] as tf.Tensor4D).transpose([3, 0, 1, 2]));
  await course.gallery(
    filters,
    Array.from({ length: filters.shape[0] }, (_, i) => words('trainer.gallery.filter', { n: i + 1 })),
    { title: words('trainer.gallery.filters') },
  );
  filters.dispose();
  return predictions;
}

/** Trains, evaluates and shows predictions and filters; returns how many tensors it keeps on purpose. */
export async function trainMnist(course: ProgramCourse, console: RunConsole, settings: TrainingRun): Promise<number> {
  forgetNetwork();
  const [train, test] = [await course.mnist({ split: 'train' }), await course.mnist({ split: 'test' })];
  const standardisation = await measureStandardisation(train.xs);
  const { mean, std } = standardisation;
  const testXs = standardise(test.xs, standardisation);
  const model = buildLeNet(course, settings.activation);
  const optimizer = tf.train.adam(settings.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  try {
    await trainEpochs(course, model, optimizer, settings, train, { xs: testXs, ys: test.ys }, standardisation);
    const predictions = await showResults(course, console, model, test, standardisation);
    const correct = predictions.filter((g, i) => g === test.labels[i]).length;
    const testAccuracy = Math.round((10_000 * correct) / predictions.length) / 100;
    const weights = model.getWeights().map((w) => tf.keep(w.clone()));
    keepNetwork({ settings, weights, predictions, testAccuracy, mean, std });
    return weights.length;
  } finally {
    optimizer.dispose();
    tf.dispose([train.xs, train.ys, test.xs, test.ys, testXs]);
  }
}

/** Shows test digit `index` and what the trained network's two convolutions make of it. */
export async function inspectDigit(course: ProgramCourse, index: number): Promise<void> {
  const trained = keptNetwork();
  if (!trained) throw new ReaderError(words('trainer.error.untrained'));
  const test = await course.mnist({ split: 'test' });
  try {
    if (!Number.isInteger(index) || index < 0 || index >= test.labels.length)
      throw new ReaderError(words('trainer.error.digitRange', { last: test.labels.length - 1, index }));
    const model = rebuildLeNet(course, trained);
    const digit = tf.tidy(() => standardise(test.xs.slice([index, 0, 0, 0], [1, 28, 28, 1]), trained));
    const label = test.labels[index]!;
    const guess = trained.predictions[index]!;
    await course.show(digit, words('trainer.inspect.title', { index, label, guess }));
    await showFeatureMaps(course, model, digit as tf.Tensor4D);
    digit.dispose();
  } finally {
    tf.dispose([test.xs, test.ys]);
  }
}
