import type { AstroIntegration } from 'astro';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The site's origin policies, in one place. A page's `<meta>` CSP governs only that page: a module worker takes its
 * policy from its own script's response headers, so the run worker, which evaluates the reader's code, gets a
 * stricter one of its own as a header. The build writes it to `_headers` (the format Netlify and Cloudflare Pages
 * read, and `scripts/lib/chromium.ts`'s server too); the service worker of the offline work will add it where a
 * host sets no headers.
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
 * and digits from its own origin; no remote script, no other origin, no nested worker.
 */
export const WORKER_POLICY = policy({
  'default-src': "'none'",
  'script-src': "'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  'connect-src': "'self'",
  'worker-src': "'none'",
  'child-src': "'none'",
});

/** The run worker's bundle, as Vite names it (src/runtime/worker.ts). */
const WORKER_FILE = /^worker-[\w-]+\.js$/;

/** `_headers` text: each path on its own line, its headers indented below it. */
export function headersFile(rules: Array<{ path: string; headers: Record<string, string> }>): string {
  return rules
    .map(({ path, headers }) => [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n'))
    .join('\n\n')
    .concat('\n');
}

/** Writes dist/_headers giving every run-worker bundle the worker policy. */
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
        const rules = workers.map((file) => ({
          path: `${base}_astro/${file}`,
          headers: { 'Content-Security-Policy': WORKER_POLICY },
        }));
        writeFileSync(join(out, '_headers'), headersFile(rules));
        logger.info(`wrote _headers: the worker policy for ${workers.join(', ')}`);
      },
    },
  };
}
