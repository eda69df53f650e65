import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHeadersFile } from '~/offline/header-rules';
import { ON_FIRST_USE_CACHE_PREFIX, ON_FIRST_USE_PATHS } from '~/offline/on-first-use';
import { ICONS, MANIFEST_FILE } from '~/offline/web-manifest';
import { DATASETS } from '~/runtime/data/dataset-format';
import { SHIPPED_NETWORKS, SHIPPED_FILES, shippedPath } from '~/runtime/protocol/shipped-networks';
import { builtPages, DIST, parsePage, requireBuild } from '../helpers/site';

beforeAll(requireBuild);

/** The URLs dist/sw.js precaches, relative to the site's base, as workbox-build injected them. */
const precached = () =>
  new Set([...readFileSync(join(DIST, 'sw.js'), 'utf8').matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]));
const filesUnder = (dir: string): string[] =>
  readdirSync(join(DIST, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(DIST, join(d.parentPath, d.name)).replace(/\\/g, '/'));

describe('the service worker the build writes', () => {
  it('precaches every page', () => {
    const urls = precached();
    const pages = builtPages().map(({ file }) => relative(DIST, file).replace(/\\/g, '/'));
    expect(pages.length).toBeGreaterThan(10);
    expect(pages.filter((p) => !urls.has(p))).toEqual([]);
  });

  it.each([
    ['the app scripts and styles, the run worker and every backend chunk among them', '_astro'],
    ["Pagefind's index and UI", 'pagefind'],
    ["tfjs's WASM binaries", 'tfjs-wasm'],
    ['the MNIST digits (not the data sets stored on first use)', 'data'],
    ['the shipped LeNet-5', 'models'],
    ['the icons', 'icons'],
  ])('precaches %s (dist/%s/)', (_what, dir) => {
    const files = filesUnder(dir).filter((f) => !ON_FIRST_USE_PATHS.includes(f));
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !precached().has(f))).toEqual([]);
  });

  it('precaches the WASM binaries of all three tfjs builds and the digits by name', () => {
    for (const file of [
      'tfjs-wasm/tfjs-backend-wasm.wasm',
      'tfjs-wasm/tfjs-backend-wasm-simd.wasm',
      'tfjs-wasm/tfjs-backend-wasm-threaded-simd.wasm',
      DATASETS.mnist.imagesPath,
      DATASETS.mnist.labelsPath,
      'pagefind/pagefind.js',
      MANIFEST_FILE,
    ])
      expect(precached(), file).toContain(file);
  });

  it('leaves Fashion-MNIST and the shipped networks but LeNet-5 to be stored on first use: built, not precached, routed to a cache named after them', () => {
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    const networks = SHIPPED_NETWORKS.filter((n) => n !== 'lenet5').flatMap((n) =>
      Object.values(SHIPPED_FILES).map((f) => `${shippedPath(n)}${f}`),
    );
    expect(ON_FIRST_USE_PATHS).toEqual([
      DATASETS['fashion-mnist'].imagesPath,
      DATASETS['fashion-mnist'].labelsPath,
      ...networks,
    ]);
    for (const path of ON_FIRST_USE_PATHS) {
      expect(existsSync(join(DIST, path)), path).toBe(true);
      expect(precached(), path).not.toContain(path);
      expect(sw, path).toContain(JSON.stringify(path));
    }
    expect(sw).toMatch(new RegExp(`"${ON_FIRST_USE_CACHE_PREFIX}[0-9a-f]{12}"`));
  });

  it('adds exactly the headers the build asks a host for in _headers', () => {
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    const rules = parseHeadersFile(readFileSync(join(DIST, '_headers'), 'utf8'));
    expect(rules.length).toBeGreaterThan(0);
    // esbuild writes the injected array as a JS literal (unquoted keys), so look for each path and value as strings.
    for (const { path, headers } of rules)
      for (const text of [path, ...Object.values(headers)]) expect(sw, path).toContain(JSON.stringify(text));
  });
});

describe('the web app manifest', () => {
  const manifest = () => JSON.parse(readFileSync(join(DIST, MANIFEST_FILE), 'utf8')) as Record<string, unknown>;

  it('names the course, opens standalone and keeps start_url and scope relative to the base path', () => {
    expect(manifest()).toMatchObject({
      name: 'CV Course',
      short_name: expect.stringMatching(/^.{1,12}$/),
      start_url: './',
      scope: './',
      display: 'standalone',
      theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
      background_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
    });
  });

  it.each(ICONS)('has the $size px $purpose icon, a PNG of that size', ({ src, size, purpose }) => {
    expect(manifest().icons).toContainEqual({ src, sizes: `${size}x${size}`, type: 'image/png', purpose });
    const png = readFileSync(join(DIST, src));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  });

  it('is linked from every page', () => {
    for (const { url } of builtPages())
      expect(parsePage(url).querySelector('link[rel="manifest"]')?.getAttribute('href'), url).toBe(`/${MANIFEST_FILE}`);
    expect(existsSync(join(DIST, MANIFEST_FILE))).toBe(true);
  });
});
