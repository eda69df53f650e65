/**
 * The `course` module that snippets import: the model zoo, summaries, charts and images, bound to one run.
 * `import { zoo, summary, plot, show } from 'course'`.
 */
import type * as tf from '@tensorflow/tfjs';
import { buildZooModel, type ZooOptions } from '../models/index.ts';
import { summarizeModel, type ModelSummary } from '../summary/index.ts';
import {
  datasetSplit,
  loadDataset,
  type AssetLoader,
  type DatasetOptions,
  type DatasetSplit,
} from '../data/dataset.ts';
import { words, type Text, type WorkerEvent } from '../protocol/index.ts';
import { emitGallery, fitImage, rgbaPixels, toImage, type GalleryOptions } from '../host/images.ts';
import type { ProgramContext, ZooSizeHook } from '../host/program.ts';
import { Stream, type RunContext } from '../host/run-context.ts';
import { createCheck, type CheckApi } from './check.ts';

export interface Chart {
  /** Adds points: one x and one value per series, in the order the series were given. */
  append(x: number | number[], ...values: Array<number | number[] | null>): void;
}

export interface TimingResult {
  /** Median wall time of one call, in milliseconds, after warm-up. */
  medianMs: number;
  runs: number;
}

/** The module's public shape; tests type-check snippets against it. */
export interface CourseModule {
  /** Builds a zoo model by name (`'lenet5'`, `'resnet18'`, …); it is disposed when the run ends. */
  zoo(name: string, options?: ZooOptions): tf.LayersModel;
  /** Shows a model's summary table (layers, shapes, parameters, MACs) and returns the numbers; `{ print: false }` only returns them. */
  summary(model: tf.LayersModel, options?: { print?: boolean }): ModelSummary;
  /** Draws a line chart; `series` maps a label to its values. Returns a handle to add points live. */
  plot(title: string, series: Record<string, number[]>, options?: { x?: number[]; xLabel?: string }): Chart;
  /** Shows a tensor as an image: [h, w], [h, w, 1|3|4] or [1, h, w, c]; values are rescaled to 0-255. */
  show(image: tf.Tensor, title?: string): Promise<void>;
  /**
   * Shows a row of small images ([n, h, w] or [n, h, w, 1|3]) with captions; `flagged` marks some (e.g. mistakes).
   * `picks` gives each image an index the page can offer to pick (the trainer's test digits).
   */
  gallery(images: tf.Tensor, captions: string[], options?: GalleryOptions): Promise<void>;
  /**
   * Hands an image tensor ([h, w], [h, w, c] or [1, h, w, c]) to the page's architecture explorer, which can then
   * run it through any zoo model (resized to the model's input) and show a layer's feature maps.
   */
  explore(image: tf.Tensor, label?: string): Promise<void>;
  /** Reports progress of a long loop (`done` of `total`); the page shows a bar and an estimate of the time left. */
  progress(done: number, total: number, label?: string): void;
  /** Times an async or sync function (median of `runs` calls after one warm-up call). */
  time(fn: () => unknown, runs?: number): Promise<TimingResult>;
  /** Throws if the reader pressed Stop: call it in your own loops so Stop is immediate and clean. */
  checkStop(): void;
  /** Real MNIST digits shipped with the site: 8,000 for training, 2,000 for testing. Tensors are freed when the run ends. */
  mnist(options?: DatasetOptions): Promise<DatasetSplit>;
  /**
   * Zalando's Fashion-MNIST, 28×28 grayscale pictures of clothes in ten balanced classes: 12,000 for training, 2,000
   * for testing, downloaded (11 MB) on first use. `classNames[label]` names a class ('T-shirt/top', …, 'Ankle boot').
   */
  fashionMnist(options?: DatasetOptions): Promise<DatasetSplit>;
  /** Callbacks for `model.fit(…, { callbacks: stopCallback(model) })` that end training when the reader presses Stop. */
  stopCallback(model: tf.LayersModel): tf.CustomCallbackArgs;
  /** What exercise checks are written with: each call confirms a fact about your code or fails saying why. */
  readonly check: CheckApi;
}

/**
 * The course module as the course's own programs call it: where a reader's code passes its strings, a program passes
 * words (runtime/protocol/words.ts), which the page says in its language. Readers' declarations stay CourseModule's.
 */
export interface ProgramCourse extends Omit<CourseModule, 'plot' | 'show' | 'gallery' | 'progress'> {
  /** `labels` names a series where its key is not what the page shows. */
  plot(
    title: Text,
    series: Record<string, number[]>,
    options?: { x?: number[]; xLabel?: Text; labels?: Readonly<Record<string, Text>> },
  ): Chart;
  show(image: tf.Tensor, title?: Text): Promise<void>;
  gallery(
    images: tf.Tensor,
    captions: readonly Text[],
    options?: Omit<GalleryOptions, 'title'> & { title?: Text },
  ): Promise<void>;
  progress(done: number, total: number, label?: Text): void;
}

/** The largest image `explore` hands on: a 512×512 colour picture. */
const EXPLORE_LIMIT = 512 * 512 * 3;

/** The course module a program's run uses: bound to its run, its site assets and (in tests) the zoo size hook. */
export function courseFor({ run, loadAsset, zooSizeHook }: ProgramContext): ProgramCourse {
  return createCourseModule(run, loadAsset, zooSizeHook);
}

export function createCourseModule(run: RunContext, loadAsset: AssetLoader, sizeHook?: ZooSizeHook): ProgramCourse {
  // Progress: only the latest report matters, sent at the stream's pace; the start time feeds the time-left estimate.
  let progressStart: number | undefined;
  let latestProgress: WorkerEvent | null = null;
  const progressStream = new Stream(run, () => {
    const event = latestProgress;
    latestProgress = null;
    return event;
  });
  return {
    async mnist(options) {
      run.throwIfStopped();
      return datasetSplit(await loadDataset(loadAsset, 'mnist'), options);
    },
    async fashionMnist(options) {
      run.throwIfStopped();
      return datasetSplit(await loadDataset(loadAsset, 'fashion-mnist'), options);
    },
    zoo(name, options = {}) {
      run.throwIfStopped();
      const model = buildZooModel(
        name,
        sizeHook ? { ...options, inputShape: sizeHook(name, options.inputShape) } : options,
      );
      run.models.push(model);
      return model;
    },
    summary(model, { print = true } = {}) {
      const summary = summarizeModel(model);
      if (print) run.emit({ type: 'summary', runId: run.runId, summary });
      return summary;
    },
    plot(title, series, options = {}) {
      const labels = Object.keys(series);
      const length = Math.max(0, ...labels.map((l) => series[l]!.length));
      const x = options.x ?? Array.from({ length }, (_, i) => i + 1);
      const chartId = run.chartId();
      run.emit({
        type: 'chart',
        runId: run.runId,
        chartId,
        title,
        xLabel: options.xLabel ?? '',
        x,
        series: labels.map((label) => ({ label: options.labels?.[label] ?? label, values: series[label]! })),
      });
      let pending = { x: [] as number[], values: labels.map(() => [] as Array<number | null>) };
      const stream = new Stream(run, () => {
        if (pending.x.length === 0) return null;
        const event = {
          type: 'chart-append' as const,
          runId: run.runId,
          chartId,
          x: pending.x,
          values: pending.values,
        };
        pending = { x: [], values: labels.map(() => []) };
        return event;
      });
      return {
        append(xs, ...values) {
          const xList = Array.isArray(xs) ? xs : [xs];
          pending.x.push(...xList);
          values.forEach((v, i) => pending.values[i]?.push(...(Array.isArray(v) ? v : [v])));
          stream.touch();
        },
      };
    },
    async show(image, title = '') {
      run.throwIfStopped();
      const { image: rgb, shrunk } = fitImage(toImage(image));
      const [height, width] = rgb.shape;
      const pixels = await rgbaPixels(rgb);
      rgb.dispose();
      // A program's words are never shrunk: its pictures are small.
      const shown =
        shrunk && typeof title === 'string'
          ? words(title ? 'worker.image.shrunk' : 'worker.image.shrunkUntitled', { title, size: shrunk })
          : title;
      run.emit({ type: 'image', runId: run.runId, title: shown, width, height, pixels }, [pixels.buffer]);
    },
    check: createCheck(),
    gallery: (images, captions, options = {}) => emitGallery(run, images, captions, options),
    async explore(image, label = 'a tensor from a snippet') {
      run.throwIfStopped();
      const shape = image.shape[0] === 1 && image.rank === 4 ? image.shape.slice(1) : image.shape;
      if (shape.length < 2 || shape.length > 3 || (shape.length === 3 && ![1, 3].includes(shape[2]!)))
        throw new Error(`explore(): expects an image [h, w], [h, w, 1|3] or [1, h, w, 1|3], got [${image.shape}]`);
      if (image.size > EXPLORE_LIMIT)
        throw new Error(`explore(): at most ${EXPLORE_LIMIT.toLocaleString('en-US')} values, got ${image.size}`);
      const data = (await image.data()) as Float32Array;
      const values = Float32Array.from(data);
      run.emit({ type: 'explorer-input', runId: run.runId, shape, data: values, label }, [values.buffer]);
    },
    progress(done, total, label = '') {
      run.throwIfStopped(); // after Stop, the next progress report ends the run cleanly
      const now = performance.now();
      progressStart ??= now;
      const etaMs = done > 0 && done < total ? ((now - progressStart) / done) * (total - done) : null;
      latestProgress = { type: 'progress', runId: run.runId, done, total, label, etaMs };
      progressStream.touch();
    },
    async time(fn, runs = 10) {
      await fn();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        run.throwIfStopped();
        const start = performance.now();
        await fn();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      return { medianMs: times[Math.floor(times.length / 2)]!, runs };
    },
    checkStop: () => run.throwIfStopped(),
    stopCallback(model) {
      run.models.push(model);
      return { onBatchEnd: async () => void (model.stopTraining ||= run.stopped) };
    },
  };
}
