/**
 * The reliability suite: what hostile or clumsy reader code did to the page (issue 11), one test per fault class,
 * each failing on the build before its fix. The rest of the classes live beside the features they guard
 * (snippets.test.ts: timers, memory aborts, saving, Stop; trainer.test.ts: training and the kept network).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, openLeNetIn, outputText, runCode, servedSite } from '../helpers/browser';

describe.skipIf(!CHROMIUM)('reader code cannot break the page (Chromium)', () => {
  const site = servedSite();

  async function open(backend: string): Promise<{ page: Page; snippet: Locator }> {
    const page = await site.browser.newPage();
    const snippet = await openLeNetIn(page, site.url);
    await snippet.locator('select').selectOption(backend);
    return { page, snippet };
  }
  const errorText = (snippet: Locator) => snippet.locator('.course-out__error').innerText();

  /** Another origin (another port), counting every request that reaches it. */
  let other: Server;
  const hits: string[] = [];
  let otherUrl = '';
  beforeAll(async () => {
    other = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('content-type', 'text/javascript');
      res.end('self.postMessage("reached");');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`;
  });
  afterAll(() => other.close());

  it('gives each run a clean realm: globals and built-ins a run patched do not reach the next', async () => {
    const { page, snippet } = await open('cpu');
    await runCode(
      page,
      snippet,
      "(globalThis as any).leak = 1;\nMath.max = () => 42;\nconsole.log('patched', Math.max(1, 2));",
      'patched 42',
    );
    await runCode(page, snippet, "console.log('next run:', typeof (globalThis as any).leak, Math.max(1, 2));", 'next');
    expect(await outputText(snippet)).toContain('next run: undefined 2');
    await page.close();
  }, 120_000);

  it('lets hostile code reach no other origin: fetch, XHR, sockets, remote modules and nested workers all fail', async () => {
    const { page, snippet } = await open('cpu');
    hits.length = 0;
    const ws = otherUrl.replace('http', 'ws');
    // Each attempt goes around the shadowed globals (self.…, eval, new Function), as hostile code would.
    const code = `const u = '${otherUrl}/';
const attempts: Array<[string, () => Promise<unknown>]> = [
  ['fetch', () => self.fetch(u + 'fetch')],
  ['xhr', () => new Promise((ok, no) => { const x = new self.XMLHttpRequest(); x.open('GET', u + 'xhr'); x.onload = ok; x.onerror = () => no(new Error('blocked')); x.send(); })],
  ['socket', () => new Promise((ok, no) => { const w = new self.WebSocket('${ws}/ws'); w.onopen = ok; w.onerror = () => no(new Error('blocked')); })],
  ['eval import', () => (0, eval)('import("' + u + 'eval.js")')],
  ['function import', () => new Function('u', 'return import(u + "function.js")')(u)],
  ['worker', () => new Promise((ok, no) => { try { const w = new self.Worker(u + 'worker.js'); w.onmessage = ok; w.onerror = () => no(new Error('blocked')); } catch (e) { no(e); } })],
  ['blob worker', () => new Promise((ok, no) => { try { const w = new self.Worker(URL.createObjectURL(new Blob(['fetch("' + u + 'blob").then(() => postMessage(1))']))); w.onmessage = ok; w.onerror = () => no(new Error('blocked')); } catch (e) { no(e); } })],
  // Threaded WASM's own worker, told to load a script from elsewhere as it would load the site's glue.
  ['thread worker', () => new Promise((ok, no) => { const w = new self.Worker('/tfjs-wasm/tfjs-backend-wasm-threaded-simd.worker.js'); w.onmessage = ok; w.onerror = () => no(new Error('blocked')); w.postMessage({ cmd: 'load', handlers: [], urlOrBlob: u + 'thread.js', wasmMemory: new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }) }); })],
];
for (const [name, attempt] of attempts) {
  try { await attempt(); console.log(name, 'REACHED'); } catch { console.log(name, 'blocked'); }
}`;
    await runCode(page, snippet, code, /thread worker (blocked|REACHED)/);
    await page.waitForTimeout(1500); // anything still in flight
    const out = await outputText(snippet);
    for (const name of [
      'fetch',
      'xhr',
      'socket',
      'eval import',
      'function import',
      'worker',
      'blob worker',
      'thread worker',
    ])
      expect(out).toContain(`${name} blocked`);
    expect(hits).toEqual([]);
    await page.close();
  }, 120_000);

  it("refuses close() at the reader's line instead of letting the worker die under its run", async () => {
    const { page, snippet } = await open('cpu');
    await runCode(page, snippet, "console.log('closing');\nself.close();\nconsole.log('after');", 'not available');
    expect(await errorText(snippet)).toMatch(/line 2\b.*close\(\) is not available to course code/s);
    await runCode(page, snippet, "console.log('still', 'running');", 'still running');
    await page.close();
  }, 120_000);

  it("names the reader's line for an error thrown deep inside a tfjs kernel", async () => {
    const { page, snippet } = await open('webgpu');
    const code = `import * as tf from '@tensorflow/tfjs';\nconst x = tf.zeros([2, 3]);\n\nconst y = tf.matMul(x, x);\ny.print();`;
    await runCode(page, snippet, code, 'inner shapes');
    expect(await errorText(snippet)).toMatch(/line 4\b.*matMul: inner shapes/s);
    await page.close();
  }, 120_000);

  it('marks a syntax error only the engine finds at its own line, not line 1', async () => {
    const { page, snippet } = await open('cpu');
    await runCode(page, snippet, 'const a = 1;\nlet b = 2;\n\nlet b = 3;\nconsole.log(a, b);', 'already been declared');
    expect(await errorText(snippet)).toMatch(/line 4\b/);
    await snippet.locator('.course-editor__error-line, .course-snippet__error-line').first().waitFor();
    await page.close();
  }, 120_000);

  it('fails an allocation over the WebGPU device limit at once, as out of memory at its line, not as a wrong 0', async () => {
    const { page, snippet } = await open('webgpu');
    const start = Date.now();
    const code = `import * as tf from '@tensorflow/tfjs';\nconsole.log(tf.getBackend());\nconst x = tf.fill([40000, 40000], 1);\nconsole.log('sum', (await x.sum().data())[0]);`;
    await runCode(page, snippet, code, /Out of memory|sum/);
    expect(await errorText(snippet)).toMatch(/Out of memory at line 3\b.*more than this device's limit/s);
    expect(Date.now() - start).toBeLessThan(30_000);
    await runCode(page, snippet, "console.log('after', 'oom');", 'after oom');
    await page.close();
  }, 120_000);

  it('says how many messages a flood of output dropped, and keeps every one it was allowed to send', async () => {
    const { page, snippet } = await open('cpu');
    await runCode(page, snippet, 'for (let i = 1; i <= 700; i++) console.log(`line ${i}`);', 'were not shown');
    const logs = snippet.locator('.course-out__log');
    expect(await logs.count()).toBe(500);
    expect(await logs.first().innerText()).toBe('line 1');
    expect(await logs.last().innerText()).toBe('line 500');
    expect(await snippet.locator('.course-out__note').innerText()).toBe(
      '… 200 more messages were not shown (output limit).',
    );
    await page.close();
  }, 120_000);

  it('gives up on a WASM binary that never arrives, falls back with a message, and does not hang at "Starting…"', async () => {
    const page = await site.browser.newPage();
    await page.route('**/tfjs-wasm/**', () => {}); // never answered
    const snippet = await openLeNetIn(page, site.url);
    await snippet.locator('select').selectOption('wasm');
    await runCode(page, snippet, "console.log('ran', 'anyway');", 'ran anyway');
    expect(await snippet.locator('.course-snippet__badge').innerText()).toMatch(
      /WASM: did not start within 30 s \(its WebAssembly binary did not arrive\)/,
    );
    await page.close();
  }, 120_000);
});
