/**
 * The networks the site ships trained (`npm run pretrain`): the training island's LeNet-5 and the architecture lab's
 * small variant of every other family, each trained on the site's MNIST training digits with a fixed seed and
 * measured on its 2,000 test digits. Each is committed under assets/networks/mnist/<name>/ in tfjs's format
 * (model.json, carrying the pretraining's record, and weights.bin) and served from models/mnist/<name>/.
 */
import type { LabArchitecture } from './zoo-names.ts';

export const SHIPPED_NETWORKS = [
  'lenet5',
  'alexnet-mnist',
  'vgg8-mnist',
  'resnet20-cifar',
  'preact-resnet20-basic-cifar',
  'mobilenet-v1-mnist',
] as const satisfies readonly LabArchitecture[];
export type ShippedNetwork = (typeof SHIPPED_NETWORKS)[number];

export const isShippedNetwork = (name: string): name is ShippedNetwork =>
  (SHIPPED_NETWORKS as readonly string[]).includes(name);

export const SHIPPED_FILES = { model: 'model.json', weights: 'weights.bin' } as const;

/** Where `name` is served, under the site's base. */
export const shippedPath = (name: ShippedNetwork): string => `models/mnist/${name}/`;

/** Where `name` is committed, relative to the repository's root. */
export const shippedAssetDir = (name: ShippedNetwork): string => `assets/networks/mnist/${name}`;

/**
 * The files the service worker stores when first fetched instead of precaching: every shipped network but
 * LeNet-5 (250 KB), which the digit pad reads with as soon as a reader draws.
 */
export const SHIPPED_ON_FIRST_USE_PATHS: readonly string[] = SHIPPED_NETWORKS.filter((n) => n !== 'lenet5').flatMap(
  (n) => Object.values(SHIPPED_FILES).map((file) => `${shippedPath(n)}${file}`),
);

/** What every shipped model.json records of its training (`userDefinedMetadata.pretrained`). */
export interface ShippedRecord {
  /** Every input is standardised with these: the training digits' pixel mean and standard deviation. */
  readonly mean: number;
  readonly std: number;
  /** On the 2,000 held-out test digits, in percent, with the weights as shipped. */
  readonly testAccuracy: number;
  readonly seed: number;
  readonly epochs: number;
  /**
   * The lab's networks ship in 16-bit floats when that moves the held-out accuracy by less than 0.1 point: this is
   * the float32 network's accuracy, before saving.
   */
  readonly float32TestAccuracy?: number;
}
