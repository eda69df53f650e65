// `npm run data`: converts Fashion-MNIST from Debian's dataset-fashion-mnist (or `-- --source DIR`, a folder of the
// four official .gz files) into assets/fashion-mnist/, which is committed; the site build serves it under data/.
// Run it only to change the subset (dataset-format.ts, scripts/lib/fashion-mnist.ts): the same seed gives the same
// bytes, and tests/unit/fashion-mnist.test.ts checks the committed files against the Debian ones.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { FASHION_ASSET_DIR, FASHION_ASSET_FILES } from '../src/integrations/fashion-asset.ts';
import { checkedAsset } from '../src/runtime/data/dataset-format.ts';
import { convertFashion, FASHION_SOURCE_DIR, readFashionSource } from './lib/fashion-mnist.ts';

const { values } = parseArgs({ options: { source: { type: 'string', default: FASHION_SOURCE_DIR } } });
const converted = convertFashion(readFashionSource(values.source));
const { images, labels } = checkedAsset('fashion-mnist', converted.images, converted.labels);
mkdirSync(FASHION_ASSET_DIR, { recursive: true });
for (const [file, bytes] of [
  [FASHION_ASSET_FILES.images, images],
  [FASHION_ASSET_FILES.labels, labels],
] as const) {
  const zipped = gzipSync(bytes, { level: 9 });
  writeFileSync(join(FASHION_ASSET_DIR, file), zipped);
  console.log(
    `${file}: ${bytes.length.toLocaleString('en-US')} bytes, ${zipped.length.toLocaleString('en-US')} gzipped`,
  );
}
console.log(
  `Fashion-MNIST: ${labels.length.toLocaleString('en-US')} images from ${values.source}, written to ${FASHION_ASSET_DIR}/`,
);
