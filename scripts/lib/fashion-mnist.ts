// Converts Zalando's Fashion-MNIST (IDX files, as Debian's `dataset-fashion-mnist` installs them) into the site's
// asset format (src/runtime/data/dataset-format.ts): a seeded, class-balanced subset, train then test.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DATASETS, IMAGE_SIDE } from '../../src/runtime/data/dataset-format.ts';
import { seededRandom, shuffleInPlace } from '../../src/integrations/seeded-shuffle.ts';

export const FASHION_SOURCE_DIR = '/usr/share/datasets/fashion-mnist';
export const FASHION_SOURCE_FILES = {
  train: { images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz' },
  test: { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' },
} as const;
export const FASHION_SEED = 0xfa5e;

/** One official split: n images of 28x28 uint8 pixels and their n labels. */
export interface SourceSplit {
  images: Uint8Array;
  labels: Uint8Array;
}

/**
 * An IDX file's unsigned bytes and dimensions (http://yann.lecun.com/exdb/mnist/: two zero bytes, type 0x08 for
 * ubyte, the number of dimensions, each a big-endian uint32, then the data).
 */
export function parseIdx(bytes: Uint8Array): { dims: number[]; data: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 || view.getUint16(0) !== 0 || bytes[2] !== 0x08)
    throw new Error(`not an IDX file of unsigned bytes (magic ${Array.from(bytes.subarray(0, 4))})`);
  const dims = Array.from({ length: bytes[3]! }, (_, i) => view.getUint32(4 + 4 * i));
  const data = bytes.subarray(4 + 4 * dims.length);
  const expected = dims.reduce((a, b) => a * b, 1);
  if (data.length !== expected)
    throw new Error(`IDX file holds ${data.length} bytes, its dimensions ${dims} say ${expected}`);
  return { dims, data };
}

/** Both official splits from a folder of the four gzipped IDX files. */
export function readFashionSource(dir = FASHION_SOURCE_DIR): { train: SourceSplit; test: SourceSplit } {
  const read = (file: string) => {
    const path = join(dir, file);
    if (!existsSync(path))
      throw new Error(
        `${path} is missing: install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)`,
      );
    return parseIdx(new Uint8Array(gunzipSync(readFileSync(path))));
  };
  const split = ({ images, labels }: { images: string; labels: string }): SourceSplit => {
    const [pixels, classes] = [read(images), read(labels)];
    if (pixels.dims.slice(1).join('x') !== `${IMAGE_SIDE}x${IMAGE_SIDE}` || pixels.dims[0] !== classes.dims[0])
      throw new Error(
        `${images}: expected n images of ${IMAGE_SIDE}x${IMAGE_SIDE} for ${classes.dims[0]} labels, got ${pixels.dims}`,
      );
    return { images: pixels.data, labels: classes.data };
  };
  return { train: split(FASHION_SOURCE_FILES.train), test: split(FASHION_SOURCE_FILES.test) };
}

/**
 * The site's subset: `trainCount / 10` images a class drawn from the official training set and `testCount / 10`
 * from the official test set, each split then shuffled (so that any prefix a `limit` takes is mixed). Train and test
 * come from the official splits, not from one pool: Zalando made the test set from different products than the
 * training set, so results here mean what published Fashion-MNIST results mean, and no product is in both.
 */
export function convertFashion(
  source: { train: SourceSplit; test: SourceSplit },
  seed = FASHION_SEED,
): { images: Uint8Array; labels: Uint8Array } {
  const { trainCount, testCount, classNames } = DATASETS['fashion-mnist'];
  const random = seededRandom(seed);
  const picks = (split: SourceSplit, count: number, name: string) => {
    const perClass = count / classNames.length;
    const chosen = classNames.flatMap((_, label) => {
      const ofClass = [...split.labels.keys()].filter((i) => split.labels[i] === label);
      if (ofClass.length < perClass)
        throw new Error(`${name}: class ${label} has ${ofClass.length} images, need ${perClass}`);
      return shuffleInPlace(ofClass, random).slice(0, perClass);
    });
    return shuffleInPlace(chosen, random).map((index) => ({ split, index }));
  };
  const all = [...picks(source.train, trainCount, 'train'), ...picks(source.test, testCount, 'test')];
  const size = IMAGE_SIDE * IMAGE_SIDE;
  const images = new Uint8Array(all.length * size);
  const labels = new Uint8Array(all.length);
  all.forEach(({ split, index }, i) => {
    images.set(split.images.subarray(index * size, (index + 1) * size), i * size);
    labels[i] = split.labels[index]!;
  });
  return { images, labels };
}
