// Headless Chromium and a static server for dist/, shared by the end-to-end tests and `npm run bench`.
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`), or CHROMIUM_PATH. */
export const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => Boolean(p && existsSync(p)),
);

/** Flags headless Chromium needs on these machines: no sandbox (root), no calls home. */
export const CHROMIUM_BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The base flags plus WebGPU on SwiftShader, Chromium's CPU implementation of Vulkan. */
export const CHROMIUM_ARGS = [
  ...CHROMIUM_BASE_ARGS,
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
];

export function launchChromium(args = CHROMIUM_ARGS): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM!, headless: true, args });
}

/**
 * Serves dist/ over HTTP on a free port. A static server of our own rather than `astro preview`, which allows one
 * server per project and would clash with a reader's `npm start`; the bytes served are the same files.
 */
export async function serveDist(dist: string): Promise<{ url: string; stop: () => void }> {
  const serve = sirv(dist, { dev: false, etag: true, extensions: ['html'] });
  const server = createHttpServer((req, res) =>
    serve(req, res, () => {
      res.statusCode = 404;
      res.end(readFileSync(join(dist, '404.html')));
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
