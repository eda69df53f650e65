/**
 * The LeNet-5 a worker keeps between runs: the one the training island trained, or one of the reader's saved
 * networks loaded again. Every program that uses it (the trainer, its saved networks and `npm run pretrain`, the
 * explorer, the digit pad) goes through this module, so no program imports another. Only the weights outlive a
 * run, since a run's models are freed when it ends: a program rebuilds the network from them.
 */
import * as tf from '@tensorflow/tfjs';
import type { CourseModule, ProgramCourse } from '../course/course-module.ts';
import { words, type TrainSettings } from '../protocol/index.ts';

/** The input the kept LeNet-5 reads: one MNIST digit, [28, 28, 1]. */
export const LENET_INPUT = [28, 28, 1] as const;

/** The island's settings, except that training takes any number of epochs (the shipped network trains for more). */
export type TrainingRun = Omit<TrainSettings, 'epochs'> & { readonly epochs: number };

/** The training digits' pixel mean and standard deviation, which every input of a trained network is standardised with. */
export interface Standardisation {
  readonly mean: number;
  readonly std: number;
}

export interface KeptNetwork extends Standardisation {
  readonly settings: TrainingRun;
  /** Kept clones of the weights, in `model.getWeights()` order. */
  readonly weights: tf.Tensor[];
  /** The network's answer for each of the 2,000 test digits. */
  readonly predictions: number[];
  /** On the 2,000 test digits, in percent. */
  readonly testAccuracy: number;
}

let kept: KeptNetwork | null = null;

/** The network this worker keeps, or null until a training has finished or a saved network was loaded. */
export function keptNetwork(): KeptNetwork | null {
  return kept;
}

/** Makes `network` the kept one, freeing the weights of the one it replaces. */
export function keepNetwork(network: KeptNetwork): void {
  forgetNetwork();
  kept = network;
}

export function forgetNetwork(): void {
  if (kept) tf.dispose(kept.weights);
  kept = null;
}

/** The trainer's LeNet-5, untrained: the zoo's, at MNIST's size unless `inputShape` says otherwise. */
export function buildLeNet(
  course: CourseModule,
  activation: TrainingRun['activation'],
  inputShape: readonly number[] = LENET_INPUT,
): tf.LayersModel {
  return course.zoo('lenet5', { inputShape, activation });
}

/** `network` rebuilt as a model with its weights; the caller (or the run, if the course module built it) frees it. */
export function rebuildLeNet(
  course: CourseModule,
  network: Pick<KeptNetwork, 'settings' | 'weights'>,
  inputShape: readonly number[] = LENET_INPUT,
): tf.LayersModel {
  const model = buildLeNet(course, network.settings.activation, inputShape);
  model.setWeights(network.weights);
  return model;
}

/** The pixel mean and standard deviation of `xs` (training examples), to standardise every input with. */
export async function measureStandardisation(xs: tf.Tensor): Promise<Standardisation> {
  const moments = tf.moments(xs);
  const [mean, variance] = [(await moments.mean.data())[0]!, (await moments.variance.data())[0]!];
  tf.dispose([moments.mean, moments.variance]);
  return { mean, std: Math.sqrt(variance) };
}

/** `x` as a trained network reads it: standardised with its training digits' statistics. */
export function standardise<T extends tf.Tensor>(x: T, { mean, std }: Standardisation): T {
  return tf.tidy(() => x.sub(mean).div(std) as T);
}

/** The network's answer for each digit of `xs` (raw pixels, [n, 28, 28, 1]), standardised as in training. */
export async function predictDigits(
  model: tf.LayersModel,
  xs: tf.Tensor,
  standardisation: Standardisation,
): Promise<number[]> {
  const guesses = tf.tidy(() =>
    (model.predict(standardise(xs, standardisation), { batchSize: 500 }) as tf.Tensor).argMax(1),
  );
  const predictions = Array.from(await guesses.data());
  guesses.dispose();
  return predictions;
}

/** A network's accuracy on a split's digits, in percent to two places, its inputs standardised as in training. */
export async function heldOutAccuracy(
  model: tf.LayersModel,
  split: { xs: tf.Tensor; labels: number[] },
  standardisation: Standardisation,
): Promise<number> {
  const predicted = await predictDigits(model, split.xs, standardisation);
  const correct = split.labels.filter((label, i) => predicted[i] === label).length;
  return Math.round((10_000 * correct) / split.labels.length) / 100;
}

/** Maps shown per convolution: all of LeNet-5's (6 and 16), the first 16 of a wider network's. */
const SHOWN_MAPS = 16;

/**
 * The maps of a network's first two convolutions (LeNet-5's C1 and C3) for one input ([1, 28, 28, 1], standardised),
 * a gallery each. Their words are the worker's, not one island's: the trainer and the digit pad both show them.
 */
export async function showFeatureMaps(course: ProgramCourse, model: tf.LayersModel, input: tf.Tensor4D): Promise<void> {
  const convolutions = model.layers.filter((l) => l.getClassName() === 'Conv2D').slice(0, 2);
  for (const [i, layer] of convolutions.entries()) {
    const maps = tf.tidy(() => {
      const probe = tf.model({ inputs: model.inputs, outputs: layer.output as tf.SymbolicTensor });
      const out = probe.predict(input) as tf.Tensor4D;
      const [, height, width, count] = out.shape;
      // one image per channel
      return out.slice([0, 0, 0, 0], [1, height, width, Math.min(count, SHOWN_MAPS)]).transpose([3, 1, 2, 0]);
    });
    const count = (layer.outputShape as number[])[3]!;
    const [shown, height, width] = maps.shape;
    const name = words(i === 0 ? 'worker.lenet.c1' : 'worker.lenet.c3');
    const more = count > shown ? words('explorer.maps.firstShown', { shown }) : '';
    await course.gallery(
      maps,
      Array.from({ length: shown }, (_, k) => `${layer.name} #${k + 1}`),
      { title: words('worker.lenet.maps', { name, layer: layer.name, count, height, width, shown: more }) },
    );
    maps.dispose();
  }
}
