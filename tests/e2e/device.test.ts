// The "Your device" page in Chromium, as a reader uses it: the report of every backend with its reason, the WebGPU
// adapter and WASM's threads; the benchmark on WASM and CPU; "Copy results"; and WCAG 2 AA in both themes.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { axeViolations, CHROMIUM, CHROMIUM_BASE_ARGS, launchChromium, servedSite } from '../helpers/browser';

const NUMBER = /^\d+(\.\d+)?$/;

describe.skipIf(!CHROMIUM)('the device page', () => {
  const site = servedSite();

  async function openDevice(options: { browser?: Browser; theme?: 'light' | 'dark' } = {}) {
    const context = await (options.browser ?? site.browser).newContext({
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    if (options.theme) await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), options.theme);
    await page.goto(`${site.url}/device/`);
    const device = page.locator('[data-device][data-ready]');
    await device.locator('[data-report-status]', { hasText: /^Checked/ }).waitFor({ timeout: 60_000 });
    return { page, device };
  }
  const rowsOf = (page: Page, table: string) =>
    page
      .locator(`${table} tbody tr`)
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent!.trim())));

  /** The report as the page first shows it: one page, one behaviour per test. */
  describe('the report', () => {
    let page: Page;
    let device: Locator;
    afterAll(() => page?.context().close());

    it('is in the sidebar', async () => {
      ({ page, device } = await openDevice());
      expect(await page.locator('nav a[href$="/device/"]').first().innerText()).toBe('Your device');
    }, 120_000);

    it('starts every backend with what runs: WebGPU and WebGL on SwiftShader, WASM, CPU', async () => {
      const rows = await rowsOf(page, '[data-backends]');
      // The test server isolates the site as a host would, so WASM names its threads (threads.test.ts: how many).
      expect(rows[2]?.[2]).toMatch(/^WASM \(\d+ threads?\)$/);
      expect(rows).toEqual([
        ['WebGPU', 'yes, in software', 'WebGPU on a software adapter (SwiftShader)'],
        ['WebGL', 'yes, in software', 'WebGL on a software renderer (SwiftShader)'],
        ['WASM', 'yes', rows[2]?.[2]],
        ['CPU', 'yes', 'CPU'],
      ]);
    });

    it('says which backend Auto picks: it passes over software GPUs, as every lesson does', async () => {
      const [, , wasm] = await rowsOf(page, '[data-backends]');
      expect(await device.locator('[data-report-status]').innerText()).toBe(
        `Checked. Lessons on Auto run on ${wasm?.[2]} here.`,
      );
    });

    it("describes the WebGPU adapter and its limits, and WASM's SIMD and threads", async () => {
      expect(await device.locator('[data-gpu-field="architecture"]').innerText()).toBe('swiftshader');
      expect(await device.locator('[data-gpu-limit="maxBufferSize"]').innerText()).toMatch(/^[\d,]+ MiB$/);
      expect(await device.locator('[data-wasm="simd"]').innerText()).toMatch(/^(yes|no)$/);
      // Isolated (the test server sends the build's headers), tfjs has threads; without, the page says why not.
      const isolated = await page.evaluate(() => crossOriginIsolated);
      const threads = await device.locator('[data-wasm="threads"]').innerText();
      if (isolated) expect(threads).toMatch(/^\d+ threads? /);
      else
        expect(threads).toContain(
          '1 thread: this page is not cross-origin isolated, so SharedArrayBuffer is unavailable',
        );
    });
  });

  it('says why a backend cannot start: no WebGPU adapter without the SwiftShader flags', async () => {
    const plain = await launchChromium([...CHROMIUM_BASE_ARGS, '--disable-gpu', '--disable-webgpu']);
    try {
      const { page, device } = await openDevice({ browser: plain });
      const [webgpu] = await rowsOf(page, '[data-backends]');
      expect(webgpu![1]).toBe('no');
      expect(webgpu![2]).toMatch(/^(not available in this browser|no adapter)$/);
      expect(await device.locator('[data-gpu-none]').isVisible()).toBe(true);
      expect(await device.locator('input[name="backend"][value="webgpu"]').isDisabled()).toBe(true);
    } finally {
      await plain.close();
    }
  }, 120_000);

  /** A benchmark on WASM and CPU, then what a reader does with its figures: one page, one behaviour per test. */
  describe('a benchmark', () => {
    let page: Page;
    let device: Locator;
    afterAll(() => page?.context().close());

    it('measures WASM and CPU and gives numbers for each', async () => {
      ({ page, device } = await openDevice());
      for (const backend of ['webgpu', 'webgl'])
        await device.locator(`input[name="backend"][value="${backend}"]`).uncheck();
      await device.locator('[data-action="bench"]').click();
      await device.locator('[data-results] tbody tr[data-backend="cpu"]').waitFor({ timeout: 150_000 });
      await device
        .locator('[data-bench-output]', { hasText: /Benchmark done in .+ on WASM( \(\d+ threads?\))?, CPU\./ })
        .waitFor({ timeout: 30_000 })
        .catch(async (e: Error) => {
          throw new Error(`${e.message}\n${await device.locator('[data-bench-output]').innerText()}`);
        });
      const rows = await rowsOf(page, '[data-results]');
      expect(rows.map((r) => r[0]!.replace(/ \(\d+ threads?\)$/, ''))).toEqual(['WASM', 'CPU']);
      for (const row of rows) for (const figure of row.slice(1)) expect(figure).toMatch(NUMBER);
      for (const row of rows) expect(Number(row[1])).toBeGreaterThan(0);
    }, 240_000);

    it('copies the figures as Markdown', async () => {
      await device.locator('[data-action="copy"]').click();
      await device.locator('[data-copy-status]', { hasText: 'Copied as Markdown.' }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toContain(`- Browser: ${await page.evaluate(() => navigator.userAgent)}`);
      expect(copied).toMatch(/^\| WASM( \(\d+ threads?\))? \| \d+\.\d \| \d+ \| \d+\.\d \| \d+\.\d\d \| \d+ \|$/m);
      expect(copied).toMatch(/^\| CPU \| \d+\.\d \| \d+ \| \d+\.\d \| \d+\.\d\d \| \d+ \|$/m);
      expect(copied).toContain('- WASM: SIMD ');
    });

    it('meets WCAG 2 AA (axe-core) with the results, the progress bar and the status shown', async () => {
      expect(await axeViolations(page, '[data-device]')).toEqual([]);
    }, 60_000);
  });

  it('stops the benchmark at once and leaves it ready to run again', async () => {
    const { page, device } = await openDevice();
    for (const backend of ['webgpu', 'webgl', 'wasm'])
      await device.locator(`input[name="backend"][value="${backend}"]`).uncheck();
    await device.locator('[data-action="bench"]').click();
    await device.locator('[data-bench-output] .course-out__progress').waitFor({ timeout: 30_000 });
    const stopped = Date.now();
    await device.locator('[data-action="stop"]').click();
    await page.locator('[data-device][data-state="stopped"]').waitFor({ timeout: 5_000 });
    expect(Date.now() - stopped).toBeLessThan(3_000);
    expect(await device.locator('[data-action="bench"]').isEnabled()).toBe(true);
    expect(await device.locator('[data-action="copy"]').isDisabled()).toBe(true);
    await page.context().close();
  }, 120_000);

  for (const theme of ['light', 'dark'] as const)
    it(`meets WCAG 2 AA (axe-core) in the ${theme} theme, with the report filled in`, async () => {
      const { page } = await openDevice({ theme });
      expect(await axeViolations(page, '[data-device]')).toEqual([]);
      await page.setViewportSize({ width: 360, height: 740 });
      // At phone width nothing but the tables' own scroll regions may be wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.context().close();
    }, 120_000);
});
