import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DATASETS } from '../runtime/data/dataset-format.ts';

/**
 * The converted Fashion-MNIST subset, committed (so a clone builds without Debian's package) and gzipped: 14,000
 * images are 11 MB of pixels, 6 MB compressed, which is what the files would cost in git's packs anyway.
 * `npm run data` (scripts/data.ts) writes them; the build unzips them into the site's data/.
 */
export const FASHION_ASSET_DIR = join(import.meta.dirname, '..', '..', 'assets', 'fashion-mnist');

const { imagesPath, labelsPath } = DATASETS['fashion-mnist'];

/** The committed file for a site path: `data/fashion-mnist-images.bin` is `fashion-mnist-images.bin.gz`. */
export const FASHION_ASSET_FILES = {
  images: `${basename(imagesPath)}.gz`,
  labels: `${basename(labelsPath)}.gz`,
} as const;

/** Zalando's licence, which the MIT terms ask to travel with every copy; the build serves it beside the data. */
export const FASHION_LICENCE = { file: 'LICENSE', sitePath: 'data/fashion-mnist-LICENSE.txt' } as const;

export function readFashionAsset(dir = FASHION_ASSET_DIR): { images: Uint8Array; labels: Uint8Array } {
  const read = (file: string) => new Uint8Array(gunzipSync(readFileSync(join(dir, file))));
  return { images: read(FASHION_ASSET_FILES.images), labels: read(FASHION_ASSET_FILES.labels) };
}
