// The architecture lab, driven as a reader would on its test page (src/content/docs/test/lab.mdx): two networks on
// Fashion-MNIST with curves and the table, a trained network handed to the explorer, networks kept across a reload
// for the digit pad and the explorer, Stop mid-run, a refused pick, WCAG 2 AA in both themes and a phone's width.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, CHROMIUM, servedSite } from '../helpers/browser';

const PAGE = '/test/lab/';

describe.skipIf(!CHROMIUM)('the architecture lab', () => {
  const site = servedSite();

  async function openLab(theme?: 'light' | 'dark'): Promise<{ page: Page; lab: Locator }> {
    const page = await site.browser.newPage();
    if (theme) await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await page.goto(`${site.url}${PAGE}`);
    const lab = page.locator('[data-arch-lab]');
    await lab.scrollIntoViewIfNeeded();
    await lab.locator('[data-action="train"]:enabled').waitFor();
    return { page, lab };
  }

  /** LeNet-5 and AlexNet on 1,000 Fashion-MNIST images for one epoch, on WASM: seconds on two cores. */
  async function pickSmall(lab: Locator, examples = '1000', dataset = 'fashion-mnist') {
    for (const box of await lab.locator('input[name="architecture"]').all())
      await box.setChecked(['lenet5', 'alexnet-mnist'].includes((await box.getAttribute('value'))!));
    await lab.locator('select[name="dataset"]').selectOption(dataset);
    await lab.locator('input[name="epochs"]').fill('1');
    await lab.locator('select[name="examples"]').selectOption(examples);
    await lab.locator('select[name="backend"]').selectOption('wasm');
  }

  /** Picks AlexNet in the explorer and selects its first convolution: what the lab trained, if it kept it. */
  async function exploreAlexNet(page: Page): Promise<Locator> {
    const explorer = page.locator('architecture-explorer');
    await explorer.scrollIntoViewIfNeeded();
    await explorer.locator('select[name="model"]').selectOption('alexnet-mnist');
    const layer = explorer.locator('button[data-layer="conv1"]');
    await layer.waitFor({ state: 'attached', timeout: 60_000 });
    const block = explorer.locator('details', { has: page.locator('button[data-layer="conv1"]') });
    if (await block.count()) await block.locator('summary').first().click(); // opens the layer's block
    await layer.click();
    return explorer;
  }

  /** Reloads the page and finds, in the digit pad, the AlexNet the lab trained on MNIST for one epoch. */
  async function padOffersAlexNetAfterReload(page: Page) {
    await page.reload();
    const pad = page.locator('[data-digit-pad]');
    await pad.scrollIntoViewIfNeeded();
    await page.locator('[data-digit-pad][data-ready]').waitFor();
    const mine = pad.locator('label', { has: page.locator('input[value="lab:alexnet-mnist"]') });
    expect(await mine.innerText()).toMatch(/^AlexNet, yours from the lab: \d+\.\d\d% after 1 epoch$/);
    return { pad, mine };
  }

  it('runs nothing until Train is pressed', async () => {
    const { page } = await openLab();
    await page.waitForTimeout(500);
    expect(page.workers()).toHaveLength(0);
    await page.close();
  }, 60_000);

  it('refuses a single network with a message next to the choice, and starts nothing', async () => {
    const { page, lab } = await openLab();
    for (const box of await lab.locator('input[name="architecture"]').all()) await box.setChecked(false);
    await lab.locator('input[value="lenet5"]').setChecked(true);
    await lab.locator('[data-action="train"]').click();
    expect(await lab.locator('[data-form-error]').innerText()).toBe('Pick 2 to 4 different networks to compare.');
    expect(page.workers()).toHaveLength(0);
    await page.close();
  }, 60_000);

  it('trains two networks side by side on Fashion-MNIST: three overlaid charts and a finished row each', async () => {
    const { page, lab } = await openLab();
    await pickSmall(lab);
    await lab.locator('[data-action="train"]').click();
    const rows = lab.locator('[data-rows] tr[data-arch]');
    await expect.poll(() => rows.count(), { timeout: 120_000 }).toBe(2);
    // The run ends once the last epoch's networks are saved in the browser.
    await expect.poll(() => lab.getAttribute('data-state')).toBe('done');
    expect(await lab.locator('[data-output] .uplot').count()).toBe(3);
    for (const row of await rows.all()) {
      const accuracy = Number(await row.getAttribute('data-accuracy'));
      expect(accuracy).toBeGreaterThan(0.3); // ten classes: chance is 0.1
      expect(accuracy).toBeLessThanOrEqual(1);
    }
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-arch')))).toEqual([
      'lenet5',
      'alexnet-mnist',
    ]);
    await page.close();
  }, 180_000);

  it('hands what it trained to the explorer, which shows that network and says whose it is', async () => {
    const { page, lab } = await openLab();
    await pickSmall(lab);
    await lab.locator('[data-action="train"]').click();
    await expect.poll(() => lab.getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    await expect.poll(() => lab.locator('[data-output]').innerText()).toContain('Each network is kept on this page');
    const explorer = await exploreAlexNet(page);
    // Polled: the model's description ends in the same output first.
    await expect
      .poll(() => explorer.locator('[data-feature-maps]').innerText(), { timeout: 60_000 })
      .toMatch(
        /Trained weights: the AlexNet you trained in the architecture lab \(Fashion-MNIST, 1 epoch, \d+(\.\d)?% on its test images\)/,
      );
    await page.close();
  }, 180_000);

  it('keeps what it trained in this browser: after a reload the digit pad reads with it and the explorer shows it', async () => {
    const { page, lab } = await openLab();
    await pickSmall(lab, '1000', 'mnist');
    await lab.locator('[data-action="train"]').click();
    await expect.poll(() => lab.getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    await expect
      .poll(() => lab.locator('[data-output]').innerText())
      .toContain('Each network is kept on this page and in this browser');
    const { pad, mine } = await padOffersAlexNetAfterReload(page);
    await mine.locator('input').check();
    await pad.locator('select[name="sample"]').selectOption('7');
    await pad.locator('[data-reading]', { hasText: 'the AlexNet you trained in the architecture lab' }).waitFor({
      timeout: 60_000,
    });

    const explorer = await exploreAlexNet(page);
    await expect
      .poll(() => explorer.locator('[data-feature-maps]').innerText(), { timeout: 60_000 })
      .toContain('Trained weights: the AlexNet you trained in the architecture lab (MNIST digits, 1 epoch');
    await page.close();
  }, 240_000);

  it('keeps in this browser what a stopped run measured: a network stopped after its first epoch is offered after a reload', async () => {
    const { page, lab } = await openLab();
    await pickSmall(lab, '2000', 'mnist');
    await lab.locator('input[name="epochs"]').fill('3');
    await lab.locator('[data-action="train"]').click();
    // The table's epochs column (the second cell) reaches 1 for both networks: one epoch measured, then Stop.
    const epochs = () =>
      lab.locator('[data-rows] tr').evaluateAll((trs) => trs.map((tr) => tr.children[1]?.textContent ?? ''));
    await expect.poll(epochs, { timeout: 120_000 }).toEqual(['1', '1']);
    await lab.locator('[data-action="stop"]').click();
    await expect.poll(() => lab.getAttribute('data-state'), { timeout: 30_000 }).toBe('stopped');
    await padOffersAlexNetAfterReload(page);
    await page.close();
  }, 240_000);

  it('stops mid-run, keeps the rows measured so far, and trains again from a clean table', async () => {
    const { page, lab } = await openLab();
    await pickSmall(lab, '8000');
    await lab.locator('[data-action="train"]').click();
    await lab.locator('.course-out__progress progress').waitFor({ timeout: 60_000 });
    await lab.locator('[data-action="stop"]').click();
    await expect.poll(() => lab.getAttribute('data-state'), { timeout: 5_000 }).toBe('stopped');
    const states = await lab
      .locator('[data-rows] tr[data-arch]')
      .evaluateAll((trs) => trs.map((tr) => tr.dataset.state));
    expect(states).toEqual(['stopped', 'stopped']);
    await pickSmall(lab);
    await lab.locator('[data-action="train"]').click();
    await expect.poll(() => lab.locator('[data-rows] tr[data-state="stopped"]').count()).toBe(0);
    await page.close();
  }, 120_000);

  for (const theme of ['light', 'dark'] as const)
    it(`meets WCAG 2 AA (axe-core) in the ${theme} theme and fits a phone`, async () => {
      const { page } = await openLab(theme);
      expect(await axeViolations(page, '[data-arch-lab]')).toEqual([]);
      await page.setViewportSize({ width: 360, height: 740 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.close();
    }, 60_000);
});
