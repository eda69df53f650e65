import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { patchBackendWasm, patchThreadedGlue, threadedScripts } from '../../src/integrations/wasm-threads';
import { headerRules, headersFile, headersFor, ISOLATION_HEADERS } from '../../src/integrations/security-policy';
import { readHeadersFile } from '../../scripts/lib/chromium';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const installed = (file: string) => readFileSync(require.resolve(`@tensorflow/tfjs-backend-wasm/${file}`), 'utf8');

describe('threaded WASM patches (tfjs-backend-wasm as installed)', () => {
  it('make tfjs start its thread workers from the site files, not from blobs', () => {
    const patched = patchBackendWasm(installed('dist/backend_wasm.js'));
    expect(patched).not.toContain('wasmWorkerContents');
    expect(patched).not.toContain('wasmFactoryThreadedSimd.toString()');
    expect(patched).toContain('"tfjs-backend-wasm-threaded-simd.worker.js"');
    expect(patched).toContain('factoryConfig.courseThreadCount = threadsCount');
  });

  it('size the glue by the chosen thread count, doubled where tfjs halves it', () => {
    const glue = patchThreadedGlue(installed('wasm-out/tfjs-backend-wasm-threaded-simd.js'));
    expect(glue).toContain('var pthreadPoolSize=Module["courseThreadCount"]||8;');
    expect(glue).toContain('return 2*Module["courseThreadCount"]');
  });

  it('fail loudly when tfjs changes', () => {
    expect(() => patchBackendWasm('export {}')).toThrow(/tfjs-backend-wasm changed/);
    expect(() => patchThreadedGlue('var x;')).toThrow(/tfjs-backend-wasm changed/);
  });

  it('serve the worker as plain JavaScript: its escaped newlines stay escaped', () => {
    const worker = threadedScripts()['tfjs-backend-wasm-threaded-simd.worker.js']!;
    expect(() => new Function(worker)).not.toThrow();
    expect(worker).toContain('WasmBackendModuleThreadedSimd(Module)');
  });
});

describe('the site headers', () => {
  const rules = headerRules('/course/', ['worker-abc.js'], ['tfjs-wasm/t.worker.js']);

  it('isolate every path and give each worker script its own policy on top', () => {
    expect(headersFor(rules, '/course/cv/cv-04/')).toEqual(ISOLATION_HEADERS);
    const worker = headersFor(rules, '/course/_astro/worker-abc.js');
    expect(worker['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(worker['Content-Security-Policy']).toContain("'unsafe-eval'");
    expect(headersFor(rules, '/course/tfjs-wasm/t.worker.js')['Content-Security-Policy']).not.toContain(
      "'unsafe-eval'",
    );
    expect(headersFor(rules, '/elsewhere/')).toEqual({});
  });

  it('read back from _headers exactly as written', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'headers-')), '_headers');
    writeFileSync(file, headersFile(rules));
    expect(readHeadersFile(file)).toEqual(rules);
  });
});
