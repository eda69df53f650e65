// Headless Chromium and a static server for dist/, shared by the end-to-end tests and `npm run bench`.
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import compression from 'compression';
import sirv from 'sirv';
import { chromium, type Browser } from 'playwright-core';
import { headersFor, ISOLATION_HEADERS, readHeadersFile } from '../../src/integrations/security-policy.ts';

export { readHeadersFile };

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

/**
 * Headless Chromium whose pages and contexts block service workers unless a caller asks for them: `page.route`
 * does not see what a service worker serves, and the site's would answer from its cache (tests/e2e/offline.test.ts
 * is the one that allows it).
 */
export async function launchChromium(
  args = CHROMIUM_ARGS,
  serviceWorkers: 'allow' | 'block' = 'block',
): Promise<Browser> {
  return withServiceWorkers(await chromium.launch({ executablePath: CHROMIUM!, headless: true, args }), serviceWorkers);
}

/** `browser`, whose new pages and contexts allow or block service workers as asked unless a caller says otherwise. */
export function withServiceWorkers(browser: Browser, serviceWorkers: 'allow' | 'block' = 'block'): Browser {
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (options = {}) => newContext({ serviceWorkers, ...options });
  browser.newPage = (options = {}) => newPage({ serviceWorkers, ...options });
  return browser;
}

/** How the test server differs from a host that sends every header of `_headers`. */
export interface ServeOptions {
  /** false leaves out the cross-origin isolation headers (the bench's single-threaded WASM). */
  isolated?: boolean;
  /** false sends no header of `_headers` at all, as a host that cannot set headers (the offline tests). */
  hostHeaders?: boolean;
  /** A body to send instead of the file at this path, e.g. a new version of sw.js; undefined serves the file. */
  replace?: (pathname: string) => string | undefined;
}

/**
 * Serves dist/ over HTTP on a free port. A static server of our own rather than `astro preview`, which allows one
 * server per project and would clash with a reader's `npm start`; the bytes served are the same files.
 */
export async function serveDist(
  dist: string,
  port = 0,
  { isolated = true, hostHeaders = true, replace }: ServeOptions = {},
): Promise<{ url: string; stop: () => void }> {
  const all = hostHeaders ? readHeadersFile(join(dist, '_headers')) : [];
  const rules = isolated ? all : all.map((rule) => ({ ...rule, headers: withoutIsolation(rule.headers) }));
  // The headers the build asks a host for (isolation, the workers' CSP), as Netlify or Cloudflare Pages send them.
  const withHostHeaders = (res: ServerResponse, pathname: string) => {
    for (const [name, value] of Object.entries(headersFor(rules, pathname))) res.setHeader(name, value);
  };
  const serve = sirv(dist, {
    dev: false,
    etag: true,
    extensions: ['html'],
    setHeaders: withHostHeaders,
  });
  // Compressed (brotli or gzip, as the browser asks) like any production host, so page weights are real ones.
  // (Its types name Express's request and response; it uses only what Node's have.)
  const compress = compression() as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  const server = createHttpServer((req, res) =>
    compress(req, res, () => {
      const replaced = replace?.(new URL(req.url ?? '/', 'http://localhost').pathname);
      if (replaced !== undefined) {
        res.setHeader('Content-Type', 'text/javascript');
        return res.end(replaced);
      }
      serve(req, res, () => {
        res.statusCode = 404;
        withHostHeaders(res, '/404.html');
        res.end(readFileSync(join(dist, '404.html')));
      });
    }),
  );
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}`, stop: () => server.close() };
}

function withoutIsolation(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !(name in ISOLATION_HEADERS)));
}
