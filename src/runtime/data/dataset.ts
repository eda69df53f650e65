/**
 * The site's data sets for snippets, training and programs: an asset's uint8 bytes, fetched once per worker, decoded
 * into tensors and split into train and test. One loader for every row of DATASETS (dataset-format.ts).
 */
import * as tf from '@tensorflow/tfjs';
import {
  checkedAsset,
  DATASETS,
  IMAGE_SIDE,
  type DatasetFormat,
  type DatasetName,
  type RawDataset,
} from './dataset-format.ts';

import type { AssetLoader } from '../protocol/index.ts';

export type { AssetLoader, DatasetName, RawDataset };
export { checkedAsset, DATASETS, DATASET_NAMES } from './dataset-format.ts';

export interface DatasetSplit {
  /** [n, 28, 28, 1], float32 in 0-1. */
  xs: tf.Tensor4D;
  /** [n, 10], one-hot. */
  ys: tf.Tensor2D;
  /** The n labels, 0-9. */
  labels: number[];
  /** The ten classes' names in English, by label: MNIST's are the digits, Fashion-MNIST's 'T-shirt/top', … */
  classNames: readonly string[];
}

export interface DatasetOptions {
  /** 'train' or 'test' (the sizes are the data set's, e.g. MNIST's 8,000 and 2,000). Default 'train'. */
  split?: 'train' | 'test';
  /** Take only the first `limit` images of the split. */
  limit?: number;
}

const cache = new Map<DatasetName, Promise<RawDataset>>();

const formatOf = (name: DatasetName): DatasetFormat => DATASETS[name];

/** Downloads a data set's asset once per worker; later runs reuse the bytes. */
export function loadDataset(load: AssetLoader, name: DatasetName): Promise<RawDataset> {
  const format = formatOf(name);
  if (!format)
    throw new Error(
      `loadDataset(): no data set ${JSON.stringify(name)}; there are ${Object.keys(DATASETS).join(', ')}`,
    );
  let raw = cache.get(name);
  if (!raw) {
    raw = Promise.all([load(format.imagesPath), load(format.labelsPath)]).then(([images, labels]) =>
      checkedAsset(name, new Uint8Array(images), new Uint8Array(labels)),
    );
    cache.set(name, raw);
    // A failed download is tried again by the next run.
    raw.catch(() => cache.delete(name));
  }
  return raw;
}

/** One split of a data set as tensors (in a tidy: the caller disposes `xs` and `ys`). */
export function datasetSplit(raw: RawDataset, { split = 'train', limit }: DatasetOptions = {}): DatasetSplit {
  const { trainCount, call, classNames } = formatOf(raw.name);
  if (split !== 'train' && split !== 'test')
    throw new Error(`${call}(): split must be 'train' or 'test', got ${JSON.stringify(split)}`);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
    throw new Error(`${call}(): limit must be a positive integer, got ${limit}`);
  const [start, end] = split === 'train' ? [0, trainCount] : [trainCount, raw.labels.length];
  const n = Math.min(end - start, limit ?? Infinity);
  const size = IMAGE_SIDE * IMAGE_SIDE;
  const pixels = raw.images.subarray(start * size, (start + n) * size);
  const labels = Array.from(raw.labels.subarray(start, start + n));
  const tensors = tf.tidy(() => ({
    xs: tf.tensor4d(
      Float32Array.from(pixels, (v) => v / 255),
      [n, IMAGE_SIDE, IMAGE_SIDE, 1],
    ),
    ys: tf.oneHot(tf.tensor1d(labels, 'int32'), classNames.length).toFloat() as tf.Tensor2D,
  }));
  return { ...tensors, labels, classNames };
}
