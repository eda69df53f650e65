/**
 * What the build tells the service worker about files it stores on first use rather than precaching (the large
 * data sets, src/runtime/data/dataset-format.ts): their paths under the site's base, and the cache that holds them.
 */
export interface OnFirstUse {
  paths: string[];
  /** ON_FIRST_USE_CACHE_PREFIX and a hash of the files' contents. */
  cache: string;
}

export const ON_FIRST_USE_CACHE_PREFIX = 'cv-course-data-';
