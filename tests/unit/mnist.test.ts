import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '~/runtime/data/dataset-format';
import { datasetSplit } from '~/runtime/data/dataset';
import { convertMnist } from '~/integrations/mnist-asset';

type DigitSet = { length: number; get(i: number): number[] };
const pkg = createRequire(import.meta.url)('mnist') as Record<number, DigitSet>;
const asset = { name: 'mnist' as const, ...convertMnist() };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the MNIST asset', () => {
  it('holds every digit the mnist package ships, each within rounding of the original', () => {
    const byLabel = new Map<number, number[][]>();
    for (let label = 0; label < 10; label++)
      byLabel.set(
        label,
        Array.from({ length: pkg[label]!.length }, (_, i) => pkg[label]!.get(i)),
      );
    expect(asset.labels.length).toBe(10_000);
    // Each asset digit equals, to 1/255, an unused package digit of the same label.
    const used = new Map<number, Set<number>>([...byLabel.keys()].map((l) => [l, new Set()]));
    const key = (pixels: ArrayLike<number>) => Array.from(pixels, (v) => Math.round(v * 255)).join(',');
    const index = new Map<string, Array<[number, number]>>();
    byLabel.forEach((digits, label) =>
      digits.forEach((d, i) => index.set(key(d), [...(index.get(key(d)) ?? []), [label, i]])),
    );
    for (let n = 0; n < asset.labels.length; n++) {
      const pixels = asset.images.subarray(n * 784, (n + 1) * 784);
      const matches = (index.get(Array.from(pixels).join(',')) ?? []).filter(
        ([l, i]) => l === asset.labels[n] && !used.get(l)!.has(i),
      );
      expect(matches.length, `digit ${n}`).toBeGreaterThan(0);
      used.get(matches[0]![0])!.add(matches[0]![1]);
    }
  });

  it('is the same on every build (fixed shuffle)', () => {
    const again = convertMnist();
    expect(Buffer.from(again.images).equals(Buffer.from(asset.images))).toBe(true);
    expect(Buffer.from(again.labels).equals(Buffer.from(asset.labels))).toBe(true);
  });

  it('matches the files the site build wrote, when there is a build', () => {
    if (!existsSync(`public/${DATASETS.mnist.labelsPath}`)) return;
    expect(Buffer.from(readFileSync(`public/${DATASETS.mnist.imagesPath}`)).equals(Buffer.from(asset.images))).toBe(
      true,
    );
    expect(Buffer.from(readFileSync(`public/${DATASETS.mnist.labelsPath}`)).equals(Buffer.from(asset.labels))).toBe(
      true,
    );
  });

  it('splits into 8,000 training and 2,000 test digits, every class in both', () => {
    const train = datasetSplit(asset, { split: 'train' });
    const test = datasetSplit(asset, { split: 'test' });
    expect(train.xs.shape).toEqual([DATASETS.mnist.trainCount, 28, 28, 1]);
    expect(test.ys.shape).toEqual([2_000, 10]);
    for (const split of [train, test]) expect(new Set(split.labels).size).toBe(10);
    expect(train.xs.max().dataSync()[0]).toBeLessThanOrEqual(1);
    tf.dispose([train.xs, train.ys, test.xs, test.ys]);
  });

  it('rejects a bad split or limit with a message', () => {
    expect(() => datasetSplit(asset, { split: 'valid' as 'train' })).toThrow(
      /^mnist\(\): split must be 'train' or 'test'/,
    );
    expect(() => datasetSplit(asset, { limit: 0 })).toThrow(/limit must be a positive integer, got 0/);
  });
});
