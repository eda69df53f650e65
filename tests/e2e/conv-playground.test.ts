// The convolution playground on its test page (src/content/docs/test/conv-playground.mdx): a standard layer and a
// depthwise one, driven as a reader would, with the mouse and the keyboard, in both themes and at a phone's width.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, CHROMIUM, servedSite } from '../helpers/browser';

describe.skipIf(!CHROMIUM)('the convolution playground', () => {
  const site = servedSite();

  async function open(which = 0, theme?: 'light' | 'dark'): Promise<{ page: Page; pg: Locator }> {
    const page = await site.browser.newPage();
    if (theme) await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await page.goto(`${site.url}/test/conv-playground/`);
    const pg = page.locator('[data-conv-playground]').nth(which);
    await pg.scrollIntoViewIfNeeded();
    await pg.locator('[data-action="step"]:enabled').waitFor();
    return { page, pg };
  }
  const shape = (pg: Locator) => pg.locator('[data-output-shape]').textContent();
  const set = (pg: Locator, name: string, value: string) => pg.locator(`input[name="${name}"]`).fill(value);

  it('shows the output shape before any script, and follows the form', async () => {
    const { page, pg } = await open();
    expect(await shape(pg)).toBe('5x5x1'); // 7×7, a 3×3 kernel, no padding
    await set(pg, 'stride', '2');
    expect(await shape(pg)).toBe('3x3x1');
    await set(pg, 'padding', '1');
    expect(await shape(pg)).toBe('4x4x1');
    await set(pg, 'dilation', '2'); // a 3×3 kernel spanning 5×5
    expect(await shape(pg)).toBe('3x3x1');
    expect(await pg.locator('[data-tfjs-note]:not([hidden])').innerText()).toContain(
      'tfjs 4.22 refuses a dilation above 1',
    );
    await set(pg, 'filters', '4');
    expect(await shape(pg)).toBe('3x3x4');
    expect(await pg.locator('[data-params]').textContent()).toBe(String(4 * 9 + 4));
    await page.close();
  }, 60_000);

  it('steps the window and writes out the sum of each output cell', async () => {
    const { page, pg } = await open();
    const trace = pg.locator('[data-trace]');
    expect(await trace.textContent()).toMatch(/^Output channel 1, row 1, column 1: .+ = -?\d+ \(bias 0\)$/);
    await pg.locator('[data-action="step"]').click();
    expect(await trace.textContent()).toContain('row 1, column 2');
    expect(await pg.locator('.conv-grid__cell.is-tap').count()).toBe(9);
    await pg.locator('[data-action="back"]').click();
    await pg.locator('[data-action="back"]').click(); // wraps to the last cell
    expect(await trace.textContent()).toContain('row 5, column 5');
    await page.close();
  }, 60_000);

  it('works from the keyboard: arrows step, Space plays and pauses', async () => {
    const { page, pg } = await open();
    const board = pg.locator('[data-board]');
    await board.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await pg.locator('[data-trace]').textContent()).toContain('row 1, column 3');
    await page.keyboard.press(' ');
    expect(await pg.locator('[data-action="play"]').textContent()).toBe('Pause');
    await expect.poll(() => pg.locator('[data-trace]').textContent()).toContain('column 4');
    await page.keyboard.press(' ');
    expect(await pg.locator('[data-action="play"]').textContent()).toBe('Play');
    await page.close();
  }, 60_000);

  it('offers only the groups that divide both channel counts, and says why a layer cannot be built', async () => {
    const { page, pg } = await open(1);
    const groups = () => pg.locator('select[name="groups"] option').allTextContents();
    expect(await groups()).toEqual(['1', '3']);
    expect(await pg.locator('[data-tfjs]').textContent()).toContain('tf.layers.depthwiseConv2d({ kernelSize: 3 })');
    expect(await pg.locator('.conv-grid__cell.is-unread').count()).toBeGreaterThan(0); // other channels' cells
    await set(pg, 'filters', '4');
    expect(await groups()).toEqual(['1']);
    await set(pg, 'padding', '0');
    await set(pg, 'kernel', '5');
    await set(pg, 'size', '3');
    expect(await pg.locator('[data-conv-error]').innerText()).toContain('add padding or shrink the kernel');
    expect(await shape(pg)).toBe('—');
    expect(await pg.locator('[data-action="step"]').isDisabled()).toBe(true);
    await page.close();
  }, 60_000);

  it("filters a digit with the first kernel: the output's size follows the layer", async () => {
    const { page, pg } = await open();
    const out = pg.locator('canvas[data-image-out]');
    expect(await out.getAttribute('width')).toBe('26');
    await set(pg, 'stride', '2');
    expect(await out.getAttribute('width')).toBe('13');
    await pg.locator('select[name="sample"]').selectOption('3');
    expect(await pg.locator('[data-image-caption]').textContent()).toMatch(/^The kernel's output, 13×13: values from/);
    await page.close();
  }, 60_000);

  for (const theme of ['light', 'dark'] as const)
    it(`meets WCAG 2 AA (axe-core) in the ${theme} theme and fits a phone`, async () => {
      const { page } = await open(0, theme);
      expect(await axeViolations(page, '[data-conv-playground]')).toEqual([]);
      await page.setViewportSize({ width: 360, height: 740 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.close();
    }, 60_000);
});
