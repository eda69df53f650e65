import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { injectManifest } from 'workbox-build';
import { ON_FIRST_USE_CACHE_PREFIX, ON_FIRST_USE_PATHS, type OnFirstUse } from '../offline/on-first-use.ts';
import { ICONS, MANIFEST_FILE, webManifest } from '../offline/web-manifest.ts';
import { readHeadersFile } from './security-policy.ts';

/** The service worker, at the root of the base path so that its scope is the whole site. */
export const SW_FILE = 'sw.js';

/**
 * What a reader needs offline, relative to dist/: every page, the app's scripts and styles (the run worker and the
 * chunks of every backend among them), Pagefind's index and UI, tfjs's WASM binaries, the MNIST digits (and
 * Fashion-MNIST's licence), the shipped LeNet-5, the manifest and icons. Not the files a reader may never use
 * (ON_FIRST_USE_PATHS: Fashion-MNIST's 11 MB, the other shipped networks), which src/offline/sw.ts stores when a
 * run first fetches them.
 */
export const PRECACHE_GLOBS = [
  '**/*.html',
  '_astro/**/*',
  'pagefind/**/*',
  'tfjs-wasm/*',
  'data/*.{bin,txt}',
  'models/**/*',
  '*.{js,svg,webmanifest}',
  'icons/*.png',
];

/** Writes the manifest and its icons, then bundles src/offline/sw.ts into dist/sw.js with the precache list. */
export function offline(options: { name: string; description: string }): AstroIntegration {
  let root = '';
  let publicDir = '';
  return {
    name: 'cv-course:offline',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        publicDir = fileURLToPath(config.publicDir);
      },
      // Runs after Starlight's hook (it is listed after Starlight), so Pagefind's index is there to precache.
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        await writeIcons(join(publicDir, 'favicon.svg'), out);
        writeFileSync(join(out, MANIFEST_FILE), JSON.stringify(webManifest(options.name, options.description)));

        // The headers the build asks a host for (security-policy.ts wrote them), so the worker adds the same ones.
        const rules = readHeadersFile(join(out, '_headers'));
        const tmp = mkdtempSync(join(tmpdir(), 'cv-course-sw-'));
        try {
          const swSrc = join(tmp, SW_FILE);
          await build({
            entryPoints: [join(root, 'src/offline/sw.ts')],
            bundle: true,
            format: 'iife',
            target: 'es2022',
            minify: true,
            outfile: swSrc,
            logLevel: 'warning',
            // Workbox logs in development builds only.
            define: {
              'process.env.NODE_ENV': '"production"',
              __HEADER_RULES__: JSON.stringify(rules),
              __ON_FIRST_USE__: JSON.stringify(onFirstUse(out)),
            },
          });
          const { count, size, warnings } = await injectManifest({
            swSrc,
            swDest: join(out, SW_FILE),
            globDirectory: out,
            globPatterns: PRECACHE_GLOBS,
            globIgnores: [SW_FILE, ...ON_FIRST_USE_PATHS],
            // Vite's file names carry a content hash already; everything else gets one from workbox-build.
            dontCacheBustURLsMatching: /^_astro\//,
            // The MNIST digits (7.8 MB) are the largest precached file.
            maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
          });
          for (const warning of warnings) logger.warn(warning);
          logger.info(`wrote ${SW_FILE}: ${count} files to precache, ${(size / 1e6).toFixed(1)} MB`);
        } finally {
          rmSync(tmp, { recursive: true, force: true });
        }
      },
    },
  };
}

/**
 * The files the service worker stores on first use, and its cache for them, named after their contents: a build
 * with other files gets a new cache, and the worker drops the old one when it takes over.
 */
function onFirstUse(out: string): OnFirstUse {
  const hash = createHash('sha256');
  for (const path of ON_FIRST_USE_PATHS) hash.update(readFileSync(join(out, path)));
  return { paths: [...ON_FIRST_USE_PATHS], cache: `${ON_FIRST_USE_CACHE_PREFIX}${hash.digest('hex').slice(0, 12)}` };
}

/**
 * The manifest's icons, rendered from the favicon: plain ones, and a maskable one whose tile fills the whole square
 * (the launcher cuts its own shape) with the favicon inside the safe zone, the middle 80%.
 */
async function writeIcons(favicon: string, out: string): Promise<void> {
  const svg = readFileSync(favicon);
  const tile = /<rect[^>]*fill="(#[0-9a-f]{3,6})"/i.exec(svg.toString())?.[1];
  if (!tile) throw new Error(`offline: ${favicon} has no filled <rect> to take the maskable icon's colour from`);
  mkdirSync(join(out, 'icons'), { recursive: true });
  for (const { src, size, purpose } of ICONS) {
    const inner = purpose === 'maskable' ? Math.round(size * 0.7) : size;
    const icon = await sharp(svg, { density: (72 * inner) / 32 })
      .resize(inner, inner)
      .png()
      .toBuffer();
    const image =
      purpose === 'maskable'
        ? sharp({ create: { width: size, height: size, channels: 4, background: tile } }).composite([{ input: icon }])
        : sharp(icon);
    await image.png().toFile(join(out, src));
  }
}
