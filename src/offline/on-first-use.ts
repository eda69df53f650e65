import { ON_FIRST_USE_PATHS as DATA_SETS } from '../runtime/data/dataset-format.ts';
import { SHIPPED_ON_FIRST_USE_PATHS } from '../runtime/protocol/shipped-networks.ts';

/**
 * The files the service worker stores when a run first fetches them, rather than precaching them on every first
 * visit: the large data sets (src/runtime/data/dataset-format.ts) and the shipped networks other than LeNet-5
 * (src/runtime/protocol/shipped-networks.ts). Paths under the site's base.
 */
export const ON_FIRST_USE_PATHS: readonly string[] = [...DATA_SETS, ...SHIPPED_ON_FIRST_USE_PATHS];

/** What the build tells the service worker about those files: their paths, and the cache that holds them. */
export interface OnFirstUse {
  paths: string[];
  /** ON_FIRST_USE_CACHE_PREFIX and a hash of the files' contents. */
  cache: string;
}

export const ON_FIRST_USE_CACHE_PREFIX = 'cv-course-data-';
