/** MNIST for snippets and training: the site's uint8 asset decoded into tensors, split into train and test. */
import * as tf from '@tensorflow/tfjs';
import { MNIST_IMAGES_PATH, MNIST_LABELS_PATH, MNIST_SIDE, MNIST_TRAIN_COUNT } from './mnist-format.ts';

import type { AssetLoader } from '../protocol/index.ts';

export type { AssetLoader };

export interface MnistSplit {
  /** [n, 28, 28, 1], float32 in 0-1. */
  xs: tf.Tensor4D;
  /** [n, 10], one-hot. */
  ys: tf.Tensor2D;
  /** The n labels, 0-9. */
  labels: number[];
}

export interface MnistOptions {
  /** 'train' (8,000 digits) or 'test' (2,000). Default 'train'. */
  split?: 'train' | 'test';
  /** Take only the first `limit` digits of the split. */
  limit?: number;
}

interface RawMnist {
  images: Uint8Array;
  labels: Uint8Array;
}

let cached: Promise<RawMnist> | null = null;

/** Downloads the asset once per worker; later runs reuse the bytes. */
export function loadRawMnist(load: AssetLoader): Promise<RawMnist> {
  cached ??= Promise.all([load(MNIST_IMAGES_PATH), load(MNIST_LABELS_PATH)]).then(([images, labels]) => {
    const raw = { images: new Uint8Array(images), labels: new Uint8Array(labels) };
    if (raw.images.length !== raw.labels.length * MNIST_SIDE * MNIST_SIDE)
      throw new Error(`MNIST asset is damaged: ${raw.images.length} pixel bytes for ${raw.labels.length} labels`);
    return raw;
  });
  cached.catch(() => (cached = null));
  return cached;
}

export function mnistSplit(raw: RawMnist, { split = 'train', limit }: MnistOptions = {}): MnistSplit {
  const [start, end] = split === 'train' ? [0, MNIST_TRAIN_COUNT] : [MNIST_TRAIN_COUNT, raw.labels.length];
  if (split !== 'train' && split !== 'test')
    throw new Error(`mnist(): split must be 'train' or 'test', got ${JSON.stringify(split)}`);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
    throw new Error(`mnist(): limit must be a positive integer, got ${limit}`);
  const n = Math.min(end - start, limit ?? Infinity);
  const size = MNIST_SIDE * MNIST_SIDE;
  const pixels = raw.images.subarray(start * size, (start + n) * size);
  const labels = Array.from(raw.labels.subarray(start, start + n));
  return tf.tidy(() => ({
    xs: tf.tensor4d(
      Float32Array.from(pixels, (v) => v / 255),
      [n, MNIST_SIDE, MNIST_SIDE, 1],
    ),
    ys: tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat() as tf.Tensor2D,
    labels,
  }));
}
