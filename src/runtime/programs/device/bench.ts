/**
 * The device page's benchmark, the same on every backend (DEVICE_BENCH): LeNet-5 training on the site's MNIST
 * digits and a forward pass of a small zoo model. Warm-up (kernel compilation, first allocations) is timed apart
 * from the steady state, which is a median, so one slow round (another tab, a GC) does not move the figure.
 */
import * as tf from '@tensorflow/tfjs';
import type { CourseModule } from '../../course/course-module.ts';
import { DEVICE_BENCH, TRAIN_DEFAULTS } from '../../protocol/index.ts';
import { LENET_INPUT } from '../../networks/kept-lenet.ts';

const { batch, trainWarmup, trainRounds, stepsPerRound, forwardModel, forwardWarmup, forwardRuns } = DEVICE_BENCH;

/** Steps one backend's benchmark reports progress for: training steps, then forward passes. */
export const STEPS_PER_BACKEND = trainWarmup + trainRounds * stepsPerRound + forwardWarmup + forwardRuns;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One macrotask: on CPU and WASM a step resolves in microtasks, so without this no Stop or progress got through. */
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Milliseconds `work` takes, after calling `tick` (progress, Stop) and letting the worker read its messages. */
async function timed(work: () => Promise<unknown>, tick: () => void): Promise<number> {
  await yieldToEvents();
  tick();
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export async function benchTraining(course: CourseModule, tick: () => void) {
  const pool = trainWarmup + stepsPerRound; // batches the steps cycle through
  const data = await course.mnist({ split: 'train', limit: batch * pool });
  const model = course.zoo('lenet5', { inputShape: LENET_INPUT });
  const optimizer = tf.train.adam(TRAIN_DEFAULTS.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  let i = 0;
  const step = async () => {
    const at = (i++ % pool) * batch;
    const [xs, ys] = tf.tidy(() => [data.xs.slice(at, batch), data.ys.slice(at, batch)]);
    await model.trainOnBatch(xs!, ys!); // resolves once the loss is read back, so the step really finished
    tf.dispose([xs!, ys!]);
  };
  try {
    const warmup: number[] = [];
    for (let w = 0; w < trainWarmup; w++) warmup.push(await timed(step, tick));
    const rates: number[] = [];
    for (let r = 0; r < trainRounds; r++) {
      let ms = 0;
      for (let s = 0; s < stepsPerRound; s++) ms += await timed(step, tick);
      rates.push((stepsPerRound * batch * 1000) / ms);
    }
    return {
      trainFirstStepMs: warmup[0]!,
      trainWarmStepMs: median(warmup.slice(1)),
      trainExamplesPerSec: median(rates),
    };
  } finally {
    optimizer.dispose();
    model.dispose();
    tf.dispose([data.xs, data.ys]);
  }
}

export async function benchForward(course: CourseModule, tick: () => void) {
  const model = course.zoo(forwardModel);
  const input = tf.tidy(() => tf.randomNormal([1, ...(model.inputs[0]!.shape.slice(1) as number[])]));
  const pass = async () => {
    const out = model.predict(input) as tf.Tensor;
    await out.data();
    out.dispose();
  };
  try {
    const warmup: number[] = [];
    for (let w = 0; w < forwardWarmup; w++) warmup.push(await timed(pass, tick));
    const runs: number[] = [];
    for (let r = 0; r < forwardRuns; r++) runs.push(await timed(pass, tick));
    return { forwardFirstMs: warmup[0]!, forwardMedianMs: median(runs) };
  } finally {
    input.dispose();
    model.dispose();
  }
}
