/**
 * Offline and installable (issue 15, part 5): after one visit, a lesson opens, searches and runs its snippets with
 * the network off; on a host that sets no headers the service worker adds them (one reload, explained); a new
 * version waits for the reader. The only suite whose browser allows service workers (scripts/lib/chromium.ts).
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHeadersFile } from '~/offline/header-rules';
import { DATASETS, IMAGE_SIDE } from '~/runtime/data/dataset-format';
import { wasmThreadCount } from '~/runtime/host/backends';
import { launchChromium, serveDist } from '../../scripts/lib/chromium';
import { axeViolations, CHROMIUM, LENET_SNIPPET } from '../helpers/browser';
import { DIST, requireBuild } from '../helpers/site';

describe.skipIf(!CHROMIUM)('the course offline (Chromium, service workers allowed)', () => {
  let browser: Browser;
  let server: { url: string; stop: () => void };
  /** Bodies to serve instead of built files, by path: a new sw.js, a broken manifest. */
  const replaced = new Map<string, string>();
  const rules = () => parseHeadersFile(readFileSync(join(DIST, '_headers'), 'utf8'));

  beforeAll(async () => {
    requireBuild();
    // A host that cannot set headers: whatever _headers asks for, only the service worker can add.
    server = await serveDist(DIST, 0, {
      hostHeaders: false,
      replace: (path) => replaced.get(path),
    });
    browser = await launchChromium(undefined, 'allow');
  });
  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  const notice = (page: Page, text: string | RegExp) =>
    page.locator('[data-course-notice][role="status"]', { hasText: text });

  /** A reader's first visit to cv-04, in a browser of their own, until the service worker has it all cached. */
  async function firstVisit(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/cv/cv-04/`);
    // The worker activates only once every file is precached; taking control, it reloads the page once.
    await notice(page, 'reloaded once').waitFor({ timeout: 90_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
    return { context, page };
  }

  it('reloads a page once, and says why, so that the headers the worker adds take effect', async () => {
    const { context, page } = await firstVisit();
    const isolating = rules().some((r) => 'Cross-Origin-Embedder-Policy' in r.headers);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(isolating);
    // The run worker's own policy, which this host never sent, comes from the service worker.
    const worker = rules().find((r) => r.path.includes('/_astro/worker-'))!;
    const served = await page.evaluate(
      async (path) => (await fetch(path)).headers.get('content-security-policy'),
      worker.path,
    );
    expect(served).toBe(worker.headers['Content-Security-Policy']);
    // Once per tab: the next load does not reload again.
    await page.reload();
    await page.waitForTimeout(2_000);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    await expect.poll(() => notice(page, 'reloaded once').count()).toBe(0);
    await context.close();
  }, 120_000);

  it('is installable: Chromium finds nothing missing in the manifest, its icons or the worker', async () => {
    const { context, page } = await firstVisit();
    // Every Playwright context is incognito, where Chromium never installs; anything else would be ours.
    const installability = async (on: Page) =>
      (await (await on.context().newCDPSession(on)).send('Page.getInstallabilityErrors')).installabilityErrors
        .map((e) => e.errorId)
        .filter((id) => id !== 'in-incognito');
    expect(await installability(page)).toEqual([]);
    const { url, errors } = await (await context.newCDPSession(page)).send('Page.getAppManifest');
    expect(url).toBe(`${server.url}/manifest.webmanifest`);
    expect(errors).toEqual([]);
    await context.close();

    // The control: a manifest without icons, in a browser that never cached the real one, is not installable.
    replaced.set(
      '/manifest.webmanifest',
      JSON.stringify({ name: 'CV Course', start_url: './', display: 'standalone' }),
    );
    const other = await browser.newContext({ serviceWorkers: 'block' });
    try {
      const bare = await other.newPage();
      await bare.goto(`${server.url}/cv/cv-04/`);
      await expect.poll(() => installability(bare)).toContain('manifest-missing-suitable-icon');
    } finally {
      replaced.clear();
      await other.close();
    }
  }, 120_000);

  it('never reloads by itself a page the reader has touched', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/cv/cv-04/`);
    await page.locator('h1').first().click();
    await page.evaluate(() => ((window as unknown as { stay: boolean }).stay = true));
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), { timeout: 90_000 })
      .toBe('activated');
    await page.waitForTimeout(2_000);
    expect(await page.evaluate(() => (window as unknown as { stay?: boolean }).stay)).toBe(true);
    expect(await notice(page, 'reloaded once').count()).toBe(0);
    await context.close();
  }, 120_000);

  /** A reader with the network off after one visit: one page, one behaviour per test. */
  describe('with the network off', () => {
    let context: BrowserContext;
    let page: Page;
    afterAll(() => context?.close());

    it('opens the lesson', async () => {
      ({ context, page } = await firstVisit());
      await context.setOffline(true);
      await page.reload();
      await expect.poll(() => page.locator('h1').first().textContent()).toContain('CNN Architectures');
    }, 120_000);

    it('searches it', async () => {
      await page.locator('site-search button[data-open-modal]').first().click();
      await page.locator('.pagefind-ui__search-input').fill('degradation');
      await page.locator('a.pagefind-ui__result-link[href*="/cv/cv-04/#resnet"]').first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Escape');
    }, 60_000);

    it('runs a snippet on WASM, threaded where the build asks for isolation', async () => {
      const snippet = page.locator(LENET_SNIPPET);
      await snippet.scrollIntoViewIfNeeded();
      await snippet.locator('select').selectOption('wasm');
      await snippet.locator('[data-action="run"]').click();
      await snippet.locator('.course-out__done, .course-out__error').first().waitFor({ timeout: 90_000 });
      expect(await snippet.locator('.course-out__summary caption').textContent()).toContain(
        '61,706 trainable parameters',
      );
      expect(await snippet.locator('.course-out__done').textContent()).toMatch(/on WASM/);
      // The thread scripts came from the cache, with their headers.
      const threads = wasmThreadCount(cpus().length);
      if (rules().some((r) => 'Cross-Origin-Embedder-Policy' in r.headers))
        expect(await snippet.locator('.course-snippet__badge').innerText()).toBe(
          threads > 1 ? `WASM (${threads} threads)` : 'WASM (1 thread)',
        );
    }, 120_000);
  });

  it('stores Fashion-MNIST when it is first fetched, not on the first visit, and serves it offline from then on', async () => {
    const { context, page } = await firstVisit();
    const { imagesPath, trainCount, testCount } = DATASETS['fashion-mnist'];
    const cachedIn = () =>
      page.evaluate(async (path) => {
        const url = new URL(path, location.origin + '/').href;
        for (const name of await caches.keys())
          if (await (await caches.open(name)).match(url, { ignoreSearch: true })) return name;
        return null;
      }, imagesPath);
    const fetchedBytes = () =>
      page.evaluate(async (path) => (await (await fetch(`/${path}`)).arrayBuffer()).byteLength, imagesPath);
    expect(await cachedIn()).toBeNull();
    expect(await fetchedBytes()).toBe((trainCount + testCount) * IMAGE_SIDE * IMAGE_SIDE);
    expect(await cachedIn()).toMatch(/^cv-course-data-[0-9a-f]{12}$/);
    await context.setOffline(true);
    expect(await fetchedBytes()).toBe((trainCount + testCount) * IMAGE_SIDE * IMAGE_SIDE);
    await context.close();
  }, 120_000);

  it('opens the 404 page offline for a page it never cached', async () => {
    const { context, page } = await firstVisit();
    await context.setOffline(true);
    await page.goto(`${server.url}/cv/no-such-lesson/`);
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('404');
    expect(await page.locator('site-search button[data-open-modal]').count()).toBeGreaterThan(0);
    await context.close();
  }, 120_000);

  for (const theme of ['light', 'dark'] as const)
    it(`shows its notice within a phone's width, WCAG 2 AA (axe-core), in the ${theme} theme`, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.goto(`${server.url}/cv/cv-04/`);
      const shown = notice(page, 'reloaded once');
      await shown.waitFor({ timeout: 90_000 });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      const box = (await shown.locator('.course-notice__box').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      expect(await axeViolations(page, '[data-course-notice]')).toEqual([]);
      await context.close();
    }, 120_000);

  it('cannot reload offline without the service worker (the control)', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${server.url}/cv/cv-04/`);
    await page.waitForTimeout(3_000);
    await context.setOffline(true);
    await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    await context.close();
  }, 60_000);

  it('shows the update notice when a new version waits, and reloads only when the reader asks', async () => {
    const { context, page } = await firstVisit();
    await notice(page, 'reloaded once').getByRole('button', { name: 'OK' }).click();
    try {
      replaced.set('/sw.js', `${readFileSync(join(DIST, 'sw.js'), 'utf8')}\n// the next version\n`);
      await page.evaluate(() => {
        (window as unknown as { stay: boolean }).stay = true;
        return navigator.serviceWorker.getRegistration().then((r) => r?.update());
      });
      const update = notice(page, 'A new version of the course is available.');
      await update.waitFor({ timeout: 60_000 });
      // It waits for the reader: no reload by itself.
      await page.waitForTimeout(1_500);
      expect(await page.evaluate(() => (window as unknown as { stay?: boolean }).stay)).toBe(true);
      // From the keyboard: focus the button, press Enter; the new version takes over and the page reloads.
      await update.getByRole('button', { name: 'Reload' }).focus();
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      expect(await page.evaluate(() => (window as unknown as { stay?: boolean }).stay)).toBeUndefined();
      await expect
        .poll(() => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null)))
        .toBeNull();
      await expect.poll(() => update.count()).toBe(0);
    } finally {
      replaced.clear();
      await context.close();
    }
  }, 180_000);
});
