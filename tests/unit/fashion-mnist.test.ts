import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import en from '~/content/i18n/en.json';
import ru from '~/content/i18n/ru.json';
import { readFashionAsset } from '~/integrations/fashion-asset';
import { createCourseModule } from '~/runtime/course/course-module';
import { datasetSplit } from '~/runtime/data/dataset';
import { checkedAsset, DATASETS, IMAGE_SIDE } from '~/runtime/data/dataset-format';
import { RunContext } from '~/runtime/host/run-context';
import {
  convertFashion,
  FASHION_SOURCE_DIR,
  FASHION_SOURCE_FILES,
  parseIdx,
  readFashionSource,
  type SourceSplit,
} from '../../scripts/lib/fashion-mnist';
import { nodeAssetLoader } from '../helpers/snippets';

const FORMAT = DATASETS['fashion-mnist'];
const SIZE = IMAGE_SIDE * IMAGE_SIDE;
const asset = { name: 'fashion-mnist' as const, ...readFashionAsset() };
const countByClass = (labels: ArrayLike<number>) =>
  Array.from(labels).reduce((counts, label) => ((counts[label] = (counts[label] ?? 0) + 1), counts), [] as number[]);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the committed Fashion-MNIST asset', () => {
  it("holds the table's 12,000 training and 2,000 test images, 784 bytes each", () => {
    expect(asset.labels.length).toBe(FORMAT.trainCount + FORMAT.testCount);
    expect(asset.images.length).toBe(asset.labels.length * SIZE);
    expect(() => checkedAsset('fashion-mnist', asset.images, asset.labels)).not.toThrow();
  });

  it('is class-balanced: 1,200 images a class to train on, 200 a class to test on', () => {
    expect(countByClass(asset.labels.subarray(0, FORMAT.trainCount))).toEqual(Array(10).fill(1_200));
    expect(countByClass(asset.labels.subarray(FORMAT.trainCount))).toEqual(Array(10).fill(200));
  });

  it('is pictures, not blanks: every image has ink, and no two of the first hundred are the same', () => {
    const firstHundred = new Set<string>();
    for (let i = 0; i < asset.labels.length; i++) {
      const pixels = asset.images.subarray(i * SIZE, (i + 1) * SIZE);
      expect(
        pixels.some((v) => v > 0),
        `image ${i}`,
      ).toBe(true);
      if (i < 100) firstHundred.add(Buffer.from(pixels).toString('base64'));
    }
    expect(firstHundred.size).toBe(100);
  });
});

describe('the data-set loader on Fashion-MNIST', () => {
  it('splits into tensors of the right shapes, one-hot labels and the ten class names', () => {
    const train = datasetSplit(asset, { split: 'train' });
    const test = datasetSplit(asset, { split: 'test' });
    expect(train.xs.shape).toEqual([12_000, 28, 28, 1]);
    expect(test.ys.shape).toEqual([2_000, 10]);
    expect(test.labels).toEqual(Array.from(asset.labels.subarray(12_000)));
    expect(Array.from(test.ys.argMax(1).dataSync())).toEqual(test.labels);
    const [min, max] = [train.xs.min().dataSync()[0], train.xs.max().dataSync()[0]];
    expect([min, max]).toEqual([0, 1]);
    expect(train.classNames).toEqual([
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ]);
    tf.dispose([train.xs, train.ys, test.xs, test.ys]);
  });

  it('takes a mixed prefix with `limit`: the first 100 training images hold every class', () => {
    const some = datasetSplit(asset, { limit: 100 });
    expect(some.xs.shape[0]).toBe(100);
    expect(new Set(some.labels).size).toBe(10);
    tf.dispose([some.xs, some.ys]);
  });

  it('names its own function in errors: fashionMnist(), not mnist()', () => {
    expect(() => datasetSplit(asset, { split: 'valid' as 'train' })).toThrow(/^fashionMnist\(\): split must be/);
    expect(() => datasetSplit(asset, { limit: 1.5 })).toThrow(/^fashionMnist\(\): limit must be a positive integer/);
  });

  it('fetches a data set once per worker, apart from the other one, and tries a failed download again', async () => {
    vi.resetModules();
    const { loadDataset } = await import('~/runtime/data/dataset');
    const fetched: string[] = [];
    let damaged = true;
    const load = async (path: string) => {
      fetched.push(path);
      const bytes = path === FORMAT.imagesPath ? asset.images : asset.labels;
      return (damaged ? bytes.subarray(1) : bytes).slice().buffer;
    };
    await expect(loadDataset(load, 'fashion-mnist')).rejects.toThrow(/fashion-mnist asset is damaged/);
    damaged = false;
    const [first, second] = [await loadDataset(load, 'fashion-mnist'), await loadDataset(load, 'fashion-mnist')];
    expect(second).toBe(first);
    expect(fetched).toEqual([FORMAT.imagesPath, FORMAT.labelsPath, FORMAT.imagesPath, FORMAT.labelsPath]);
    await expect(loadDataset(load, 'mnist')).rejects.toThrow(/mnist asset is damaged/);
    expect(fetched.slice(4)).toEqual([DATASETS.mnist.imagesPath, DATASETS.mnist.labelsPath]);
  });

  it("is the course module's fashionMnist(), whose tensors the run frees", async () => {
    const run = new RunContext(1, () => {});
    const course = createCourseModule(run, (await nodeAssetLoader())(''));
    const split = await course.fashionMnist({ split: 'test', limit: 20 });
    expect(split.xs.shape).toEqual([20, 28, 28, 1]);
    expect(split.classNames[9]).toBe('Ankle boot');
    expect(split.labels).toEqual(Array.from(asset.labels.subarray(12_000, 12_020)));
    tf.dispose([split.xs, split.ys]);
  });
});

describe("Fashion-MNIST's class names", () => {
  it('are in both words tables under data.fashion.class, the English ones the same as the data', () => {
    const words = (table: Record<string, string>) => FORMAT.classNames.map((_, i) => table[`${FORMAT.wordsKey}.${i}`]);
    expect(words(en)).toEqual(FORMAT.classNames);
    expect(words(ru)).toEqual([
      'Футболка/топ',
      'Брюки',
      'Пуловер',
      'Платье',
      'Пальто',
      'Сандалия',
      'Рубашка',
      'Кроссовок',
      'Сумка',
      'Ботинок',
    ]);
  });
});

/** An official split made up: image i of class i % 10 carries i in its first two pixels and the split in its third. */
function madeUpSplit(count: number, marker: number): SourceSplit {
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  const images = new Uint8Array(count * SIZE);
  for (let i = 0; i < count; i++) images.set([i >> 8, i & 255, marker], i * SIZE);
  return { images, labels };
}

describe('the Fashion-MNIST converter (npm run data)', () => {
  const source = { train: madeUpSplit(12_500, 1), test: madeUpSplit(2_500, 2) };

  it('gives the same bytes for the same seed, and others for another seed', () => {
    const [a, b, other] = [convertFashion(source), convertFashion(source), convertFashion(source, 1)];
    expect(Buffer.from(b.images).equals(Buffer.from(a.images))).toBe(true);
    expect(Buffer.from(b.labels).equals(Buffer.from(a.labels))).toBe(true);
    expect(Buffer.from(other.images).equals(Buffer.from(a.images))).toBe(false);
  });

  it('takes training images from the official training set and test images from its test set, each once', () => {
    const { images, labels } = convertFashion(source);
    const seen = new Set<string>();
    for (let i = 0; i < labels.length; i++) {
      const [hi, lo, marker] = images.subarray(i * SIZE, i * SIZE + 3);
      const index = (hi! << 8) | lo!;
      expect(marker, `image ${i}`).toBe(i < FORMAT.trainCount ? 1 : 2);
      expect(index % 10, `image ${i}`).toBe(labels[i]);
      seen.add(`${marker}:${index}`);
    }
    expect(seen.size).toBe(labels.length);
    expect(countByClass(labels.subarray(FORMAT.trainCount))).toEqual(Array(10).fill(200));
  });

  it('reads IDX headers, and refuses a file whose size its header contradicts', () => {
    const idx = Uint8Array.from([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
    expect(parseIdx(idx)).toEqual({ dims: [2, 3], data: idx.subarray(12) });
    expect(() => parseIdx(idx.subarray(0, 17))).toThrow(/holds 5 bytes, its dimensions 2,3 say 6/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 9, 1]))).toThrow(/not an IDX file of unsigned bytes/);
  });
});

const installed = existsSync(join(FASHION_SOURCE_DIR, FASHION_SOURCE_FILES.train.images));
describe.skipIf(!installed)(
  installed
    ? "the committed asset against Debian's dataset-fashion-mnist"
    : `the committed asset against Debian's dataset-fashion-mnist: skipped, ${FASHION_SOURCE_DIR} is not installed here (.ci/run installs it)`,
  () => {
    it('is exactly what the converter makes from the official files', () => {
      const fresh = convertFashion(readFashionSource());
      expect(Buffer.from(fresh.labels).equals(Buffer.from(asset.labels))).toBe(true);
      expect(Buffer.from(fresh.images).equals(Buffer.from(asset.images))).toBe(true);
    });
  },
);
