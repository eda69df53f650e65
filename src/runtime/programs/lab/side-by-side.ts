/**
 * The architecture lab's loop: two to four networks learn from the same examples in the same order, from the same
 * seed. They take turns batch by batch (interleaved, not one after another): each batch is drawn once and every
 * network steps on it, so the curves are comparable at every moment and a Stop leaves each network trained for the
 * same number of steps, where one-after-another would leave the last ones untrained.
 *
 * Each network's time is its own steps' time, so examples/s compare the architectures on this device and backend.
 * A network that fails (memory, a lost GPU, a kernel its backend lacks) ends alone, with a message; the others go on
 * and what was measured stays in the table.
 */
import * as tf from '@tensorflow/tfjs';
import type { ProgramCourse } from '../../course/course-module.ts';
import type { DatasetSplit } from '../../data/dataset.ts';
import { classifyError } from '../../host/classify-error.ts';
import type { RunContext } from '../../host/run-context.ts';
import { StopRequested } from '../../host/run-context.ts';
import { averageBatchNormFromStart } from '../../fixes/batch-norm-start.ts';
import { seededRandom, withSeed } from '../../fixes/seeded-random.ts';
import { yielder } from '../../host/yielder.ts';
import { measureStandardisation, standardise, type Standardisation } from '../../networks/kept-lenet.ts';
import { LAB_CLASSES, LAB_INPUT_SHAPE, words, type BackendName, type LabArchitecture } from '../../protocol/index.ts';
import { LAB_LABELS, type LabRow, type LabSettings } from '../../protocol/lab.ts';

/** The seed every comparison starts from: the same initial weights for a network in every run. */
export const LAB_SEED = 2015;
export const LAB_BATCH = 32;
/** Training curves are a moving mean over this many batches, as per-batch values are too noisy to compare. */
const SMOOTHING = 20;
/**
 * The steps the lab times to estimate how long the whole comparison takes: after the first two, whose kernels are
 * still being compiled and set up (they took twice as long as later ones on WASM).
 */
const ESTIMATE_STEPS = [2, 8] as const;

interface Entry {
  row: LabRow;
  model: tf.LayersModel | null;
  optimizer: tf.Optimizer | null;
  /** The last SMOOTHING batches' loss and error. */
  recent: Array<[number, number]>;
  epochSums: [number, number, number];
  /** Training examples this network has stepped on. */
  examples: number;
  /** Its training time when the estimate's timing began. */
  timedFrom: number;
  /** Sets its batch norms' momentum before each step (fixes/batch-norm-start.ts). */
  beforeStep: (step: number) => void;
}

export interface LabData {
  train: DatasetSplit;
  test: DatasetSplit;
}

/** Loads the settings' data set: the first `examples` training examples, and the whole test split. */
export async function loadLabData(course: ProgramCourse, settings: LabSettings): Promise<LabData> {
  const load = settings.dataset === 'mnist' ? course.mnist : course.fashionMnist;
  return { train: await load({ split: 'train', limit: settings.examples }), test: await load({ split: 'test' }) };
}

/** `fn` on one network; a failure other than Stop ends that network alone, with the reader's words for it. */
async function guarded<T>(entry: Entry, backend: BackendName, fn: (model: tf.LayersModel) => Promise<T>) {
  if (!entry.model) return null;
  try {
    return await fn(entry.model);
  } catch (error) {
    if (error instanceof StopRequested) throw error;
    const { message } = classifyError(error, backend);
    entry.row = { ...entry.row, state: 'failed', message: words('lab.failed', { reason: message }) };
    entry.model = null; // freed with the run, like every zoo model
    entry.optimizer?.dispose();
    entry.optimizer = null;
    return null;
  }
}

/** What a network is after an epoch: its model, its row of the table, the standardisation its inputs had. */
export interface AfterEpoch {
  architecture: LabArchitecture;
  model: tf.LayersModel;
  row: LabRow;
  standardisation: Standardisation;
}

/**
 * Trains the picked networks side by side with live, overlaid curves; `report` hears the table after every epoch
 * and at the end (a Stop included), and `afterEpoch` each network that finished an epoch, measured. Returns the
 * trained models that did not fail.
 */
export async function trainSideBySide(
  course: ProgramCourse,
  run: RunContext,
  backend: BackendName,
  settings: LabSettings,
  data: LabData,
  report: (rows: LabRow[]) => void,
  afterEpoch: (network: AfterEpoch) => void = () => {},
): Promise<Map<LabArchitecture, tf.LayersModel>> {
  const { train, test } = data;
  // Inputs standardised with the training examples' statistics, as the trainer's LeNet-5 reads them.
  const statistics = await measureStandardisation(train.xs);
  const [trainXs, testXs] = [standardise(train.xs, statistics), standardise(test.xs, statistics)];

  const entries: Entry[] = [];
  for (const architecture of settings.architectures) {
    // Each network from the same seed, whatever else is picked: its initial weights are the same in every run.
    const model = await withSeed(LAB_SEED, () =>
      course.zoo(architecture, { inputShape: LAB_INPUT_SHAPE, classes: LAB_CLASSES }),
    );
    const summary = course.summary(model, { print: false });
    const optimizer =
      settings.optimizer === 'sgd'
        ? tf.train.momentum(settings.learningRate, 0.9)
        : tf.train.adam(settings.learningRate);
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    entries.push({
      model,
      optimizer,
      recent: [],
      epochSums: [0, 0, 0],
      examples: 0,
      timedFrom: 0,
      beforeStep: averageBatchNormFromStart(model),
      row: {
        architecture,
        state: 'training',
        epochs: 0,
        testAccuracy: null,
        trainingLoss: null,
        trainingError: null,
        params: summary.trainableParams,
        macs: summary.macs,
        examplesPerSecond: null,
        trainMs: 0,
        message: null,
      },
    });
  }
  const series = Object.fromEntries(settings.architectures.map((a) => [a, [] as number[]]));
  const labels = Object.fromEntries(settings.architectures.map((a) => [a, LAB_LABELS[a]]));
  const xLabel = words('lab.chart.epoch');
  const lossChart = course.plot(words('lab.chart.loss', { batches: SMOOTHING }), series, { xLabel, labels });
  const errorChart = course.plot(words('lab.chart.error', { batches: SMOOTHING }), series, { xLabel, labels });
  const testChart = course.plot(words('lab.chart.test'), series, { xLabel, labels });
  const emit = () => report(entries.map((e) => ({ ...e.row })));

  const count = train.labels.length;
  const perEpoch = Math.ceil(count / LAB_BATCH);
  const total = settings.epochs * perEpoch;
  const shuffle = seededRandom(LAB_SEED);
  const breathe = yielder();
  try {
    await withSeed(LAB_SEED, async () => {
      for (let epoch = 0; epoch < settings.epochs; epoch++) {
        const order = Array.from({ length: count }, (_, i) => i);
        for (let i = count - 1; i > 0; i--) {
          const j = Math.floor(shuffle() * (i + 1));
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        for (const e of entries) e.epochSums = [0, 0, 0];
        for (let batch = 0; batch < perEpoch; batch++) {
          const step = epoch * perEpoch + batch;
          const indices = tf.tensor1d(order.slice(batch * LAB_BATCH, (batch + 1) * LAB_BATCH), 'int32');
          const [xs, ys] = [tf.gather(trainXs, indices), tf.gather(train.ys, indices)];
          const points: Array<[number | null, number | null]> = [];
          for (const e of entries) {
            e.beforeStep(step);
            const started = performance.now();
            const result = await guarded(e, backend, (m) => m.trainOnBatch(xs, ys) as Promise<number[]>);
            if (!result) {
              points.push([null, null]);
              continue;
            }
            const [loss, accuracy] = result as [number, number];
            e.row.trainMs += performance.now() - started;
            e.examples += xs.shape[0];
            e.recent.push([loss, 1 - accuracy]);
            if (e.recent.length > SMOOTHING) e.recent.shift();
            e.epochSums = [e.epochSums[0] + loss, e.epochSums[1] + 1 - accuracy, e.epochSums[2] + 1];
            const smoothed = e.recent.reduce((s, [l, r]) => [s[0]! + l, s[1]! + r], [0, 0]);
            points.push([smoothed[0]! / e.recent.length, smoothed[1]! / e.recent.length]);
          }
          tf.dispose([indices, xs, ys]);
          const x = (step + 1) / perEpoch;
          lossChart.append(x, ...points.map(([l]) => l));
          errorChart.append(x, ...points.map(([, r]) => r));
          if (step + 1 === ESTIMATE_STEPS[0]) for (const e of entries) e.timedFrom = e.row.trainMs;
          if (step + 1 === ESTIMATE_STEPS[1]) estimate(run, entries, total);
          course.progress(step + 1, total, words('lab.progress', { epoch: epoch + 1, epochs: settings.epochs }));
          await breathe();
        }
        const accuracies: Array<number | null> = [];
        for (const e of entries) {
          const accuracy = await guarded(e, backend, (m) => testAccuracy(m, testXs, test.ys));
          const [loss, error, batches] = e.epochSums;
          if (accuracy !== null)
            e.row = {
              ...e.row,
              epochs: epoch + 1,
              testAccuracy: accuracy,
              trainingLoss: loss / batches,
              trainingError: error / batches,
            };
          accuracies.push(accuracy);
        }
        testChart.append(epoch + 1, ...accuracies);
        for (const [i, e] of entries.entries())
          if (e.model && accuracies[i] !== null)
            afterEpoch({ architecture: e.row.architecture, model: e.model, row: e.row, standardisation: statistics });
        finishRates(entries);
        emit();
      }
    });
    for (const e of entries) if (e.row.state === 'training') e.row.state = 'done';
  } catch (error) {
    if (!(error instanceof StopRequested)) throw error;
    for (const e of entries) if (e.row.state === 'training') e.row.state = 'stopped';
    throw error;
  } finally {
    finishRates(entries);
    emit();
    for (const e of entries) e.optimizer?.dispose();
    tf.dispose([trainXs, testXs]);
  }
  return new Map(entries.flatMap((e) => (e.model ? [[e.row.architecture, e.model] as const] : [])));
}

/** Examples per second of each network's own steps so far. */
function finishRates(entries: Entry[]) {
  for (const e of entries) if (e.row.trainMs > 0) e.row.examplesPerSecond = (e.examples * 1000) / e.row.trainMs;
}

/** After the first batches: how long the whole comparison will take on this device, before the reader waits it out. */
function estimate(run: RunContext, entries: Entry[], total: number) {
  const steps = ESTIMATE_STEPS[1] - ESTIMATE_STEPS[0];
  const perStep = entries.reduce((sum, e) => sum + (e.row.trainMs - e.timedFrom) / steps, 0);
  const minutes = Math.max(1, Math.round((perStep * total) / 60_000));
  run.say('info', words('lab.estimate', { count: minutes }));
}

async function testAccuracy(model: tf.LayersModel, xs: tf.Tensor4D, ys: tf.Tensor): Promise<number> {
  const scores = model.evaluate(xs, ys, { batchSize: 250 }) as tf.Scalar[];
  const accuracy = (await scores[1]!.data())[0]!;
  tf.dispose(scores);
  return accuracy;
}
