import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM,
  CHROMIUM_BASE_ARGS,
  launchChromium,
  openLeNetIn as openLeNetInPage,
  outputText,
  replaceCode,
  runCode,
  servedSite,
} from '../helpers/browser';

describe.skipIf(!CHROMIUM)('runnable snippets in Chromium', () => {
  const site = servedSite();

  /** The LeNet snippet, ready to run, on `page` (pages of one context are what two tabs of one browser share). */
  const openLeNetIn = (page: Page) => openLeNetInPage(page, site.url);

  async function openLeNet(b: Browser = site.browser): Promise<{ page: Page; snippet: Locator }> {
    const page = await b.newPage();
    return { page, snippet: await openLeNetIn(page) };
  }
  const finished = (snippet: Locator) => snippet.locator('.course-out__done, .course-out__error').first();

  it('runs nothing until the reader presses Run', async () => {
    const { page, snippet } = await openLeNet();
    await page.waitForTimeout(1000);
    expect(await snippet.locator('.course-snippet__output').textContent()).toBe('');
    const workers = page.workers().length;
    expect(workers).toBe(0);
    await page.close();
  });

  it('runs the LeNet snippet on WebGPU (SwiftShader) and shows its summary, asking only its own origin', async () => {
    const { page, snippet } = await openLeNet();
    const requests: string[] = [];
    page.context().on('request', (r) => requests.push(r.url()));
    await snippet.locator('select').selectOption('webgpu');
    await snippet.locator('[data-action="run"]').click();
    await finished(snippet).waitFor({ timeout: 90_000 });
    expect(await snippet.locator('.course-snippet__badge').textContent()).toMatch(/^WebGPU on a software adapter/);
    expect(await snippet.locator('.course-out__summary caption').textContent()).toContain(
      '61,706 trainable parameters',
    );
    expect(await snippet.locator('.course-out__done').textContent()).toMatch(/on WebGPU · no tensors leaked/);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(site.url) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual(
      [],
    );
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain(
      "connect-src 'self'",
    );
    await page.close();
  }, 120_000);

  it('names the fallback when WebGPU is unavailable', async () => {
    const noGpu = await launchChromium(CHROMIUM_BASE_ARGS);
    const { snippet } = await openLeNet(noGpu);
    await snippet.locator('select').selectOption('webgpu');
    await snippet.locator('[data-action="run"]').click();
    await finished(snippet).waitFor({ timeout: 60_000 });
    expect(await snippet.locator('.course-snippet__badge').textContent()).toMatch(
      /WebGPU: no adapter, using (WebGL|WASM)/,
    );
    expect(await snippet.locator('.course-out__summary').count()).toBe(1);
    await noGpu.close();
  }, 90_000);

  it('stops an endless loop within a second, then runs again', async () => {
    const { page, snippet } = await openLeNet();
    await snippet.locator('select').selectOption('cpu');
    await replaceCode(page, snippet, 'console.log("looping");\nwhile (true) {}');
    await snippet.locator('[data-action="run"]').click();
    await snippet.locator('.course-out__log', { hasText: 'looping' }).waitFor({ timeout: 30_000 });
    // The loop spins in the worker, so the page still paints: a frame comes within half a second.
    const frameMs = await page.evaluate(() => {
      const asked = performance.now();
      return new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - asked)));
    });
    expect(frameMs).toBeLessThan(500);
    const start = Date.now();
    await snippet.locator('[data-action="stop"]').click();
    await snippet.locator('.course-out__error', { hasText: 'Stopped' }).waitFor({ timeout: 2_000 });
    expect(Date.now() - start).toBeLessThan(1_000);

    await replaceCode(page, snippet, 'console.log("again", 1 + 1);');
    await snippet.locator('[data-action="run"]').click();
    await snippet.locator('.course-out__log', { hasText: 'again 2' }).waitFor({ timeout: 30_000 });
    await page.close();
  }, 90_000);

  it("shows a syntax error at the reader's line and marks it in the editor", async () => {
    const { page, snippet } = await openLeNet();
    await replaceCode(page, snippet, 'const a = 1;\nconst b = 2;\nconst c = ;\n');
    await page.keyboard.press('ControlOrMeta+Enter');
    const error = snippet.locator('.course-out__error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(/^Syntax error at line 3, column \d+:/);
    expect(await snippet.locator('.course-editor__error-line').textContent()).toBe('const c = ;');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.action)).toBe('run');
    await page.close();
  }, 60_000);

  /** A reader's edit, the page reloaded, then Reset: one behaviour per test, on one page. */
  describe('an edit', () => {
    let page: Page;
    let snippet: Locator;
    afterAll(() => page?.close());

    it('is kept across a reload and shown as the reader’s code', async () => {
      ({ page, snippet } = await openLeNet());
      await replaceCode(page, snippet, 'console.log("edited");');
      await page.reload();
      await snippet.locator('.course-snippet__edited', { hasText: 'Edited' }).waitFor();
      expect(await snippet.locator('.course-snippet__plain').textContent()).toBe('console.log("edited");');
      expect(await snippet.locator(':scope > figure').isVisible()).toBe(false);
    }, 60_000);

    it('never runs on load', async () => {
      await page.waitForTimeout(500);
      expect(await snippet.locator('.course-snippet__output').textContent()).toBe('');
    });

    it('gives way to the author’s code on Reset', async () => {
      await snippet.locator('[data-action="reset"]').click();
      expect(await snippet.locator('.course-snippet__plain').isVisible()).toBe(false);
      expect(await snippet.locator(':scope > figure').isVisible()).toBe(true);
    });
  });

  /** Training LeNet-5 in a snippet: one run on one page, one behaviour per test. */
  describe('a training snippet', () => {
    let page: Page;
    let snippet: Locator;
    afterAll(() => page?.close());

    it('trains LeNet-5 on MNIST in the worker, with live progress and a chart', async () => {
      page = await site.browser.newPage();
      await page.goto(`${site.url}/cv/cv-04/`);
      snippet = page.locator('course-snippet[data-snippet-id="cv-04/train-lenet-5-on-mnist"]');
      await snippet.scrollIntoViewIfNeeded();
      await snippet.locator('select').selectOption('wasm');
      await snippet.locator('[data-action="run"]').click();
      await snippet.locator('.course-out__progress progress').waitFor({ timeout: 60_000 });
      await snippet.locator('.course-out__chart canvas').first().waitFor({ timeout: 10_000 });
    }, 90_000);

    it('keeps the page answering while the worker trains', async () => {
      const started = Date.now();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
      expect(Date.now() - started).toBeLessThan(500);
    });

    it('stops within a second', async () => {
      const stopAt = Date.now();
      await snippet.locator('[data-action="stop"]').click();
      await snippet.locator('.course-out__done, .course-out__error').first().waitFor({ timeout: 2_000 });
      expect(Date.now() - stopAt).toBeLessThan(1_000);
    });
  });

  it('leaves the tensor count where it started after 20 runs, and drops output of superseded runs', async () => {
    const { page, snippet } = await openLeNet();
    await snippet.locator('select').selectOption('wasm');
    await replaceCode(
      page,
      snippet,
      "import * as tf from '@tensorflow/tfjs';\nimport { zoo } from 'course';\nconsole.log('tensors at start', tf.memory().numTensors);\nconst m = zoo('lenet5');\nconst y = m.predict(tf.ones([2, 32, 32, 1])) as tf.Tensor;\nawait y.data();",
    );
    const counts: string[] = [];
    for (let i = 0; i < 20; i++) {
      await snippet.locator('[data-action="run"]').click();
      await snippet.locator('.course-out__done').waitFor({ timeout: 30_000 });
      counts.push((await snippet.locator('.course-out__log').first().textContent()) ?? '');
    }
    expect(new Set(counts).size).toBe(1);

    await replaceCode(
      page,
      snippet,
      "console.log('slow start');\nawait new Promise((r) => setTimeout(r, 1500));\nconsole.log('LATE OUTPUT');",
    );
    await snippet.locator('[data-action="run"]').click();
    await snippet.locator('.course-out__log', { hasText: 'slow start' }).waitFor({ timeout: 30_000 });
    await replaceCode(page, snippet, "console.log('second run');");
    await snippet.locator('[data-action="run"]').click();
    await snippet.locator('.course-out__done').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2000);
    expect(await snippet.locator('.course-snippet__output').textContent()).not.toContain('LATE OUTPUT');
    await page.close();
  }, 180_000);
  const output = outputText;

  it("keeps a finished run's timers from reaching the next run, and says it cancelled them", async () => {
    const { page, snippet } = await openLeNet();
    await snippet.locator('select').selectOption('cpu');
    await runCode(
      page,
      snippet,
      "setTimeout(() => { throw new Error('late'); }, 800);\nconsole.log('first');",
      /1 timer was still pending when the run ended and was cancelled/,
    );
    // Had the late throw escaped, it would have killed the worker while this run waits, and no "second 2" came.
    await runCode(
      page,
      snippet,
      "await new Promise((r) => setTimeout(r, 1500));\nconsole.log('second', 1 + 1);",
      'second 2',
    );
    expect(await output(snippet)).toContain('second 2');
    expect(await snippet.locator('.course-out__error').count()).toBe(0);
    await page.close();
  }, 120_000);

  it('replaces the worker after an out-of-memory abort, so the next run starts clean', async () => {
    const { page, snippet } = await openLeNet();
    await snippet.locator('select').selectOption('cpu');
    // What tfjs-backend-wasm throws when its heap is exhausted; the run also leaves a mark in the worker.
    await runCode(
      page,
      snippet,
      "(self as any).leftover = 1;\nthrow new Error('Aborted(). Build with -sASSERTIONS for more info.');",
      'Out of memory',
    );
    expect(await snippet.locator('.course-out__error').innerText()).toMatch(/Out of memory/);
    await runCode(page, snippet, "console.log('leftover:', typeof (self as any).leftover);", 'leftover:');
    expect(await output(snippet)).toContain('leftover: undefined');
    await page.close();
  }, 120_000);

  it('gives course code no network: fetch fails with a message that says why', async () => {
    const { page, snippet } = await openLeNet();
    await snippet.locator('select').selectOption('cpu');
    await runCode(
      page,
      snippet,
      "const response = await fetch('https://example.org/');\nconsole.log(response.status);",
      'not available',
    );
    const message = await snippet.locator('.course-out__error').innerText();
    expect(message).toContain('fetch is not available to course code');
    expect(message).toMatch(/line 1\b/);
    await page.close();
  }, 120_000);
  it('lets the reader undo a Reset, getting their own code back', async () => {
    const { page, snippet } = await openLeNet();
    await replaceCode(page, snippet, 'console.log("mine");');
    await snippet.locator('[data-action="reset"]').click();
    expect(await snippet.locator('.cm-content').innerText()).not.toContain('mine');
    await snippet.locator('[data-action="undo-reset"]').click();
    expect(await snippet.locator('.cm-content').innerText()).toContain('console.log("mine");');
    expect(await snippet.locator('.course-snippet__edited').innerText()).toBe('Edited (saved in this browser)');
    await page.close();
  }, 60_000);

  it('says "not saved" when the browser will not store the edit, never "saved"', async () => {
    const page = await site.browser.newPage();
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const snippet = await openLeNetIn(page);
    await replaceCode(page, snippet, 'console.log("unsaved");');
    expect(await snippet.locator('.course-snippet__edited').innerText()).toMatch(
      /^Edited, not saved: .*storage is full or blocked/,
    );
    await page.close();
  }, 60_000);

  it('notices the same snippet edited in a second tab and lets the reader choose', async () => {
    const context = await site.browser.newContext();
    const [first, second] = [await context.newPage(), await context.newPage()];
    const [a, b] = [await openLeNetIn(first), await openLeNetIn(second)];
    await replaceCode(second, b, 'console.log("tab b");');
    await replaceCode(first, a, 'console.log("tab a");');
    await b.locator('.course-snippet__conflict').waitFor({ timeout: 5_000 });
    expect(await b.locator('.course-snippet__conflict').innerText()).toContain('Edited in another tab too');
    await b.getByRole('button', { name: 'Load that version' }).click();
    expect(await b.locator('.cm-content').innerText()).toContain('console.log("tab a");');
    await context.close();
  }, 60_000);
  it('fits a chart to a phone-wide output and thins a flood of points instead of freezing', async () => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    const snippet = await openLeNetIn(page);
    await snippet.locator('select').selectOption('cpu');
    await replaceCode(
      page,
      snippet,
      "import { plot } from 'course';\nconst chart = plot('flood', { y: Array.from({ length: 60000 }, (_, i) => Math.sin(i / 500)) });\nfor (let i = 60000; i < 100000; i++) chart.append(i + 1, Math.sin(i / 500));",
    );
    await snippet.locator('[data-action="run"]').click();
    await finished(snippet).waitFor({ timeout: 60_000 });
    const chart = snippet.locator('.course-out__chart').first();
    await expect.poll(() => chart.getAttribute('title')).toMatch(/^Showing [\d,]+ of 100,000 points per series$/);
    const [chartWidth, outputWidth] = await Promise.all([
      chart
        .locator('canvas')
        .first()
        .evaluate((c) => c.getBoundingClientRect().width),
      snippet.locator('.course-snippet__output').evaluate((o) => o.clientWidth),
    ]);
    expect(chartWidth).toBeLessThanOrEqual(outputWidth);
    await page.close();
  }, 60_000);
  it('marks an error in edited code shown as plain text by opening the editor at that line', async () => {
    const { page, snippet } = await openLeNet();
    await replaceCode(page, snippet, 'const a = 1;\nconst b = ;\n');
    await page.reload(); // edited code now shows as plain text, the editor closed
    await snippet.locator('.course-snippet__plain').waitFor();
    await snippet.locator('[data-action="run"]').click();
    await snippet.locator('.course-out__error').waitFor({ timeout: 30_000 });
    await snippet.locator('.course-editor__error-line').waitFor({ timeout: 10_000 });
    expect(await snippet.locator('.course-editor__error-line').textContent()).toBe('const b = ;');
    await page.close();
  }, 60_000);

  it('keeps keyboard focus on Run after Stop, which disables itself', async () => {
    const { page, snippet } = await openLeNet();
    await snippet.locator('select').selectOption('cpu');
    await replaceCode(page, snippet, 'console.log("looping");\nwhile (true) {}');
    await snippet.locator('[data-action="run"]').click();
    await snippet.locator('.course-out__log', { hasText: 'looping' }).waitFor({ timeout: 30_000 });
    await snippet.locator('[data-action="stop"]').focus();
    await page.keyboard.press('Enter');
    await snippet.locator('.course-out__error', { hasText: 'Stopped' }).waitFor({ timeout: 5_000 });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.action)).toBe('run');
    await page.close();
  }, 60_000);
  it('wakes a snippet far down a phone-sized page only as the reader nears it, and then runs it', async () => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${site.url}/cv/cv-04/`);
    const farAway = 'course-snippet[data-snippet-id="cv-04/forward-latency-and-gflop-s-per-architecture"]';
    const far = page.locator(farAway);
    await page.waitForFunction(() => customElements.get('course-snippet')); // the element's code has loaded
    await page.waitForTimeout(1500); // long past the page's idle time, when snippets used to wake
    expect(await far.getAttribute('data-ready')).toBeNull();
    await far.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.locator(`${farAway}[data-ready]`).waitFor();
    await runCode(page, far, 'console.log("awake far down");', 'awake far down');
    await page.close();
  }, 60_000);

  it('wakes a snippet the keyboard reaches, so Tab goes from its copy button to Run', async () => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${site.url}/cv/cv-04/`);
    const id = 'cv-04/depthwise-separable-vs-standard-convolution';
    const snippet = page.locator(`course-snippet[data-snippet-id="${id}"]`);
    await page.waitForFunction(() => customElements.get('course-snippet')); // the element's code has loaded
    expect(await snippet.getAttribute('data-ready')).toBeNull();
    await snippet.locator('.copy button').focus();
    await page.locator(`course-snippet[data-snippet-id="${id}"][data-ready]`).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.action)).toBe('run');
    await page.close();
  }, 60_000);

  it("names a WASM binary that did not arrive as the reason for falling back, not tfjs's internals", async () => {
    const page = await site.browser.newPage();
    await page.route('**/tfjs-wasm/**', (route) => route.abort());
    const snippet = await openLeNetIn(page);
    await snippet.locator('select').selectOption('wasm');
    await snippet.locator('[data-action="run"]').click();
    await finished(snippet).waitFor({ timeout: 60_000 });
    const badge = await snippet.locator('.course-snippet__badge').innerText();
    expect(badge).toMatch(/WASM: could not load its WebAssembly binary from .*tfjs-wasm\//);
    await page.close();
  }, 90_000);
});
