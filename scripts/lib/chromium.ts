// Headless Chromium and a static server for dist/, shared by the end-to-end tests and `npm run bench`.
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import compression from 'compression';
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
export async function serveDist(dist: string, port = 0): Promise<{ url: string; stop: () => void }> {
  const headers = readHeadersFile(join(dist, '_headers'));
  const serve = sirv(dist, {
    dev: false,
    etag: true,
    extensions: ['html'],
    // The headers the build asks a host for (the run worker's CSP), as Netlify or Cloudflare Pages would send them.
    setHeaders: (res, pathname) => {
      for (const [name, value] of headers.get(pathname) ?? []) res.setHeader(name, value);
    },
  });
  // Compressed (brotli or gzip, as the browser asks) like any production host, so page weights are real ones.
  // (Its types name Express's request and response; it uses only what Node's have.)
  const compress = compression() as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  const server = createHttpServer((req, res) =>
    compress(req, res, () =>
      serve(req, res, () => {
        res.statusCode = 404;
        res.end(readFileSync(join(dist, '404.html')));
      }),
    ),
  );
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}`, stop: () => server.close() };
}

/** A `_headers` file's exact-path rules (the only kind the build writes): path -> [name, value] pairs. */
export function readHeadersFile(file: string): Map<string, Array<[string, string]>> {
  const rules = new Map<string, Array<[string, string]>>();
  if (!existsSync(file)) return rules;
  let current: Array<[string, string]> | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.set(line.trim(), (current = []));
    else if (current) {
      const colon = line.indexOf(':');
      current.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return rules;
}
