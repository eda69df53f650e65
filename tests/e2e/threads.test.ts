/**
 * Threaded WASM in the built site (issue 15): the site is served cross-origin isolated, so tfjs-backend-wasm runs
 * its threaded build with the thread count the run worker chose, and gives the same numbers as one thread; served
 * without isolation (a host that sets no headers) it still runs, on one thread, and says why; a thread worker that
 * fails is reported by its own message.
 */
import { cpus } from 'node:os';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wasmThreadCount } from '../../src/runtime/host/backends';
import { DIST, requireBuild } from '../helpers/site';
import { CHROMIUM, launchChromium, openLeNetIn, outputText, runCode } from '../helpers/browser';
import { serveDist } from '../../scripts/lib/chromium';

// A fixed convolution on a fixed input: threads split the work, so a wrong split would show in these sums.
const CONV = `import * as tf from '@tensorflow/tfjs';
const x = tf.tensor4d(Array.from({ length: 2 * 32 * 32 * 3 }, (_, i) => Math.sin(i)), [2, 32, 32, 3]);
const w = tf.tensor4d(Array.from({ length: 3 * 3 * 3 * 16 }, (_, i) => Math.cos(i) / 10), [3, 3, 3, 16]);
const y = tf.conv2d(x, w, 1, 'same');
const values = await y.data();
console.log('sums', Array.from(values.slice(0, 6)).map((v) => v.toFixed(5)).join(' '), (await y.sum().data())[0].toFixed(3));`;

describe.skipIf(!CHROMIUM)('threaded WASM (Chromium)', () => {
  let browser: Browser;
  const servers: Record<'isolated' | 'plain', { url: string; stop: () => void }> = {} as never;
  beforeAll(async () => {
    requireBuild();
    servers.isolated = await serveDist(DIST);
    servers.plain = await serveDist(DIST, 0, { isolated: false });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of Object.values(servers)) server.stop();
  });

  async function runOn(server: 'isolated' | 'plain', code: string) {
    const page = await browser.newPage();
    const snippet = await openLeNetIn(page, servers[server].url);
    await snippet.locator('select').selectOption('wasm');
    await runCode(page, snippet, code, 'sums');
    const result = {
      isolated: await page.evaluate(() => crossOriginIsolated),
      badge: await snippet.locator('.course-snippet__badge').innerText(),
      out: await outputText(snippet),
    };
    await page.close();
    return result;
  }

  it('runs on as many threads as it chose, and agrees with one thread', async () => {
    const threaded = await runOn('isolated', CONV);
    const single = await runOn('plain', CONV);
    expect(threaded.isolated).toBe(true);
    const threads = wasmThreadCount(cpus().length);
    expect(threaded.badge).toBe(threads > 1 ? `WASM (${threads} threads)` : 'WASM (1 thread)');
    expect(single.isolated).toBe(false);
    expect(single.badge).toBe(
      'WASM (1 thread: the page is not cross-origin isolated, so there is no SharedArrayBuffer)',
    );
    const sums = (text: string) => /sums (.*)/.exec(text)![1]!.split(' ').map(Number);
    const [a, b] = [sums(threaded.out), sums(single.out)];
    expect(a).toHaveLength(7);
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 3));
  }, 120_000);

  it("gives the trainer's worker one thread (WASM_THREADS): the explorer shares it", async () => {
    const page = await browser.newPage();
    await page.goto(`${servers.isolated.url}/cv/cv-04/`);
    const explorer = page.locator('architecture-explorer');
    await explorer.scrollIntoViewIfNeeded();
    await explorer.locator('select[name="backend"]').selectOption('wasm');
    await page.locator('architecture-explorer[data-ready]').waitFor();
    await explorer.locator('button[data-layer="c1"]').evaluate((b: HTMLElement) => b.click());
    const badge = explorer.locator('[data-badge]', { hasText: /^WASM/ });
    await badge.waitFor({ timeout: 60_000 });
    // Exactly this: WASM as picked (the pick that woke the explorer is kept), with no fallback on the way.
    expect(await badge.innerText()).toBe('WASM (1 thread)');
    await page.close();
  }, 120_000);

  it('reports a thread worker that fails by its own message, never as [object ErrorEvent]', async () => {
    const page = await browser.newPage();
    await page.route('**/tfjs-wasm/tfjs-backend-wasm-threaded-simd.js', (route) => route.abort());
    const snippet = await openLeNetIn(page, servers.isolated.url);
    await snippet.locator('select').selectOption('wasm');
    await snippet.locator('[data-action="run"]').click();
    const error = snippet.locator('.course-out__error');
    await error.waitFor({ timeout: 60_000 });
    const text = await error.innerText();
    expect(text).toContain("a WASM thread's worker failed");
    expect(text).not.toContain('[object');
    await page.close();
  }, 120_000);
});
