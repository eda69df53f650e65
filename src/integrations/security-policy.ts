import type { AstroIntegration } from 'astro';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { headersFile, parseHeadersFile, type HeaderRule } from '../offline/header-rules.ts';
import { THREAD_WORKER_FILES } from './wasm-threads.ts';

// The rules' shape, their text and how a path picks its headers live with the service worker, which applies them too.
export { headersFile, headersFor, type HeaderRule } from '../offline/header-rules.ts';

/**
 * The site's origin policies, in one place. A page's `<meta>` CSP governs only that page: a module worker takes its
 * policy from its own script's response headers, so the run worker, which evaluates the reader's code, gets a
 * stricter one of its own as a header. The build writes it to `_headers` (the format Netlify and Cloudflare Pages
 * read, and `scripts/lib/chromium.ts`'s server too); the service worker (src/offline/sw.ts) adds it where a host
 * sets no headers.
 */
const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

/** The pages: only their own origin, with inline scripts (Starlight's) and WASM. */
export const PAGE_POLICY = policy({
  'default-src': "'self'",
  'script-src': "'self' 'unsafe-inline' 'wasm-unsafe-eval'",
  'worker-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'connect-src': "'self'",
  'font-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
});

/**
 * The run worker: it compiles the reader's code (`unsafe-eval`), imports its backends and fetches the WASM binaries
 * and digits from its own origin; no remote script, no other origin. Its only nested workers are threaded WASM's
 * (files of the site's own, see wasm-threads.ts), so no `blob:` or `data:` worker can carry the reader's code.
 */
export const WORKER_POLICY = policy({
  'default-src': "'none'",
  'script-src': "'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'child-src': "'self'",
});

/**
 * Threaded WASM's own workers (one per thread): they load the site's WASM glue script and nothing else, so a
 * reader who starts one by hand cannot make it load a script from elsewhere.
 */
export const THREAD_WORKER_POLICY = policy({
  'default-src': "'none'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'connect-src': "'self'",
  'worker-src': "'none'",
});

/**
 * Cross-origin isolation, for every response: `SharedArrayBuffer`, and with it threaded WASM, exists only on an
 * isolated page whose workers are isolated too. The site loads nothing from other origins, so `require-corp`
 * costs nothing; CORP lets our own files load under it and keeps other sites from embedding them.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

/** The run worker's bundle, as Vite names it (src/runtime/worker.ts). */
const WORKER_FILE = /^worker-[\w-]+\.js$/;

/**
 * Every header the site asks its host for: isolation for all paths, then each worker script's own policy. The
 * build writes these to `_headers`; the test server and the service worker apply the same rules.
 */
export function headerRules(base: string, runWorkers: string[], threadWorkers: string[]): HeaderRule[] {
  return [
    { path: `${base}*`, headers: { ...ISOLATION_HEADERS } },
    ...runWorkers.map((file) => ({
      path: `${base}_astro/${file}`,
      headers: { 'Content-Security-Policy': WORKER_POLICY },
    })),
    ...threadWorkers.map((file) => ({
      path: `${base}${file}`,
      headers: { 'Content-Security-Policy': THREAD_WORKER_POLICY },
    })),
  ];
}

/** A built site's `_headers` rules, in file order; none when the file is missing. */
export function readHeadersFile(file: string): HeaderRule[] {
  return existsSync(file) ? parseHeadersFile(readFileSync(file, 'utf8')) : [];
}

/** Writes dist/_headers: isolation everywhere, and every worker script's policy. */
export function securityHeaders(): AstroIntegration {
  let base = '/';
  return {
    name: 'cv-course:security-headers',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const workers = readdirSync(join(out, '_astro')).filter((f) => WORKER_FILE.test(f));
        if (workers.length === 0) throw new Error('security-headers: no run-worker bundle found in _astro/');
        const rules = headerRules(base, workers, THREAD_WORKER_FILES);
        writeFileSync(join(out, '_headers'), headersFile(rules));
        logger.info(`wrote _headers: isolation for every path, the worker policy for ${workers.join(', ')}`);
      },
    },
  };
}
