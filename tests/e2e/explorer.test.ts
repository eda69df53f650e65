// The architecture explorer, driven as a reader would: with JavaScript off, by keyboard, and with a tensor handed
// over by a snippet. On its test page (src/content/docs/test/explorer.mdx): the explorer and that snippet alone.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ZOO_NAMES } from '~/runtime/protocol';
import { axeViolations, CHROMIUM, servedSite } from '../helpers/browser';

describe.skipIf(!CHROMIUM)('the architecture explorer', () => {
  const site = servedSite();

  async function openExplorer(options: { javaScriptEnabled?: boolean; theme?: 'light' | 'dark' } = {}) {
    const context = await site.browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true });
    const page = await context.newPage();
    if (options.theme) await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), options.theme);
    await page.goto(`${site.url}/test/explorer/`);
    const explorer = page.locator('architecture-explorer');
    await explorer.scrollIntoViewIfNeeded();
    return { page, explorer };
  }
  const maps = (explorer: ReturnType<Page['locator']>) => explorer.locator('[data-feature-maps]');

  it('shows the first model, its layers and every zoo model with JavaScript off', async () => {
    const { page, explorer } = await openExplorer({ javaScriptEnabled: false });
    const options = await explorer.locator('select[name="model"] option').allTextContents();
    expect(options).toEqual([...ZOO_NAMES]);
    expect(await explorer.locator('figure[data-arch-diagram="lenet5"] svg g[data-node]').count()).toBeGreaterThan(8);
    expect(await explorer.locator('button[data-layer="c1"]').count()).toBe(1);
    await page.context().close();
  }, 60_000);

  it('loads its code only when the reader uses it', async () => {
    const { page, explorer } = await openExplorer();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.waitForTimeout(1000);
    expect(scripts.filter((s) => /explorer-element/.test(s))).toEqual([]);
    await explorer.locator('button[data-layer="c1"]').click();
    await maps(explorer).locator('.course-out__done').waitFor({ timeout: 60_000 });
    expect(scripts.some((s) => /explorer-element/.test(s))).toBe(true);
    await page.context().close();
  }, 120_000);

  /** ResNet-18 at 96 px on WASM, its graph read: the page the next two tests start from. */
  async function openResNet18() {
    const opened = await openExplorer();
    const { explorer } = opened;
    await explorer.locator('select[name="backend"]').selectOption('wasm');
    await explorer.locator('select[name="model"]').selectOption('resnet18');
    await explorer.locator('select[name="size"]').selectOption('96');
    // The graph at the size picked, not the one at the default size that may still be on its way.
    await explorer.locator('[data-explorer-caption]', { hasText: 'resnet18 at 96×96×3' }).waitFor({ timeout: 60_000 });
    return opened;
  }

  it('picks a model and size, and selects a layer from the keyboard: its facts', async () => {
    const { page, explorer } = await openResNet18();
    expect(await explorer.locator('[data-explorer-caption]').innerText()).toContain('11,689,512 trainable parameters');
    await explorer.locator('details[data-box="conv2_block1"] summary').focus();
    await page.keyboard.press('Enter'); // opens the block
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.layer)).toBe(
      'conv2_block1_1_conv',
    );
    await page.keyboard.press('Enter');
    await explorer.locator('[data-layer-details] h3', { hasText: 'conv2_block1_1_conv' }).waitFor();
    const details = await explorer.locator('[data-layer-details]').innerText();
    expect(details).toContain('24×24×64 from pool1_pool');
    expect(details).toContain('36,864');
    expect(details).toMatch(/tf\.layers\.conv2d\(\{ filters: 64, kernelSize: \[3, 3\]/);
    expect(await explorer.locator('button[data-layer="conv2_block1_1_conv"]').getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await explorer.locator('.arch-box--selected').count()).toBe(1);
    await page.context().close();
  }, 180_000);

  it("draws a selected layer's feature maps and filters, and says the weights are random", async () => {
    const { page, explorer } = await openResNet18();
    await explorer.locator('details[data-box="conv2_block1"] summary').click(); // opens the block
    await explorer.locator('button[data-layer="conv2_block1_1_conv"]').click();
    // This layer's maps, then the end of their run (not the end of the earlier run that read the model).
    await maps(explorer)
      .locator('.course-out__gallery', { hasText: 'conv2_block1_1_conv:' })
      .first()
      .waitFor({ timeout: 60_000 });
    await maps(explorer).locator('.course-out__done').waitFor({ timeout: 60_000 });
    const out = await maps(explorer).innerText();
    expect(out).toContain('Random weights');
    expect(out).toContain('conv2_block1_1_conv: 64 feature maps of 24×24, the first 16 shown');
    expect(out).toContain('its 3×3 filters');
    expect(await maps(explorer).locator('.course-out__gallery').first().locator('canvas, img').count()).toBe(16);
    await page.context().close();
  }, 180_000);

  it('asks before running VGG-16 at 224 px, which needs over half a gigabyte', async () => {
    const { page, explorer } = await openExplorer();
    await explorer.locator('select[name="model"]').selectOption('vgg16');
    await explorer.locator('button[data-layer="fc1"]').waitFor({ state: 'attached', timeout: 60_000 });
    await explorer.locator('button[data-layer="fc1"]').click();
    const warning = maps(explorer).locator('.course-out__note');
    await warning.waitFor({ timeout: 5_000 });
    expect(await warning.innerText()).toMatch(/needs about \d{3} MB of memory/);
    expect(await maps(explorer).locator('.course-out__gallery').count()).toBe(0);
    expect(await warning.getByRole('button', { name: 'Show the maps anyway' }).count()).toBe(1);
    await page.context().close();
  }, 120_000);

  it('shows the trained weights the site ships for a CIFAR ResNet at 28×28×1', async () => {
    const { page, explorer } = await openExplorer();
    await explorer.locator('select[name="model"]').selectOption('resnet20-cifar');
    const sizes = explorer.locator('select[name="size"]');
    // The explorer's code loads on this first use, then offers the model's own sizes; LeNet-5's 28 stays picked.
    await expect.poll(() => sizes.locator('option').allTextContents()).toEqual(['32×32×3', '64×64×3', '28×28×1']);
    expect(await sizes.inputValue()).toBe('28');
    await explorer.locator('details[data-box="conv1"] summary').click(); // opens the stem's block
    await explorer.locator('button[data-layer="conv1_conv"]').click();
    await maps(explorer).locator('.course-out__done').waitFor({ timeout: 60_000 });
    const out = await maps(explorer).innerText();
    expect(out).toMatch(/Trained weights: the ResNet-20 this site ships, trained on MNIST/);
    expect(out).toContain('as the model reads it: 28×28×1');
    await page.context().close();
  }, 120_000);

  it('shows what a shipped network looks at in the input: saliency and Grad-CAM for the class it predicts', async () => {
    const { page, explorer } = await openExplorer();
    await explorer.locator('select[name="model"]').selectOption('resnet20-cifar');
    await expect.poll(() => explorer.locator('select[name="size"]').inputValue()).toBe('28');
    await explorer.locator('details[data-box="conv1"]').waitFor({ timeout: 60_000 }); // ResNet-20's diagram is drawn
    await explorer.getByRole('button', { name: 'Show what it looks at' }).click();
    const figure = explorer.locator('[data-explanation]');
    await expect
      .poll(() => figure.locator('figcaption').textContent(), { timeout: 60_000 })
      .toMatch(
        /^What the network looks at for class (\d): saliency on the left, Grad-CAM on \S+ on the right\. It predicts \1 \([\d.]+%\)\. Trained weights: the ResNet-20 this site ships/,
      );
    for (const map of ['saliency', 'gradcam'])
      expect(await figure.locator(`canvas[data-${map}]`).getAttribute('width')).toBe('28'); // drawn at the input's size
    await page.context().close();
  }, 120_000);

  it("shows a clicked unit's receptive field over the input: the window, and the effective field inside it", async () => {
    const { page, explorer } = await openExplorer();
    await explorer.locator('button[data-layer="c3"]').click(); // LeNet-5's second convolution: 10×10 maps
    await maps(explorer).locator('.course-out__done').waitFor({ timeout: 60_000 });
    const second = maps(explorer).locator('.course-out__gallery').first().locator('canvas').nth(1);
    const { width, height } = (await second.boundingBox())!;
    await second.click({ position: { x: width * 0.55, y: height * 0.25 } }); // channel 2, row 3, column 6
    const view = explorer.locator('[data-receptive-field]');
    await expect
      .poll(() => view.locator('[data-rf-caption]').textContent(), { timeout: 60_000 })
      .toMatch(/^c3, channel 2, row 3, column 6: a 14×14 window \(rows 3–16, columns 9–22 of the input\); \d+% of/);
    expect(await explorer.locator('input[name="rf-channel"]').inputValue()).toBe('2');
    expect(await view.locator('canvas[data-effective-rf]').getAttribute('width')).not.toBe('300'); // drawn
    await explorer.locator('[data-action="top-images"]').click();
    const top = explorer.locator('[data-top-images]');
    await expect
      .poll(() => top.locator('figcaption').last().textContent(), { timeout: 60_000 })
      .toBe('The nine of the 2,000 test digits with the highest mean activation in c3, channel 2, highest first.');
    expect(await top.locator('canvas').count()).toBe(9);
    // The same from the form, by keyboard, and a unit the layer does not have.
    await explorer.locator('input[name="rf-row"]').fill('11');
    await explorer.locator('input[name="rf-row"]').press('Enter');
    await maps(explorer).locator('.course-out__error', { hasText: 'row 11, column 6 is not one of them' }).waitFor({
      timeout: 60_000,
    });
    await page.context().close();
  }, 120_000);

  it('runs a tensor a snippet handed over with explore() through the model', async () => {
    const { page, explorer } = await openExplorer();
    const snippet = page.locator('course-snippet[data-snippet-id="explorer/explore"]');
    await snippet.scrollIntoViewIfNeeded();
    await snippet.locator('select').selectOption('cpu');
    await snippet.locator('[data-action="run"]').click();
    await snippet.locator('.course-out__note', { hasText: 'Handed a grey square' }).waitFor({ timeout: 60_000 });
    await explorer.scrollIntoViewIfNeeded();
    await explorer.locator('button[data-layer="c1"]').click();
    await maps(explorer).locator('.course-out__done').waitFor({ timeout: 60_000 });
    expect(await explorer.locator('select[name="input"]').inputValue()).toBe('tensor');
    expect(await maps(explorer).innerText()).toContain('a grey square, as the model reads it: 28×28×1');
    await page.context().close();
  }, 120_000);

  for (const theme of ['light', 'dark'] as const)
    it(`meets WCAG 2 AA (axe-core) in the ${theme} theme, a layer selected and its maps drawn`, async () => {
      const { page, explorer } = await openExplorer({ theme });
      await explorer.locator('button[data-layer="c3"]').click();
      await maps(explorer).locator('.course-out__done').waitFor({ timeout: 60_000 });
      expect(await axeViolations(page, 'architecture-explorer')).toEqual([]);
      await page.context().close();
    }, 120_000);
});
