// The digit pad, driven as a reader would: mouse, keyboard, samples and photos, read by the LeNet-5 the site ships,
// with nothing trained first. On its test page (src/content/docs/test/digit-pad.mdx): the pad and the explorer.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SAMPLE_DIGITS } from '~/components/digit-pad/samples';
import { SHIPPED_NETWORKS } from '~/runtime/protocol/shipped-networks';
import { axeViolations, CHROMIUM, servedSite } from '../helpers/browser';

describe.skipIf(!CHROMIUM)('the digit pad', () => {
  const site = servedSite();

  async function openPad(): Promise<{ page: Page; pad: Locator; canvas: Locator }> {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/test/digit-pad/`);
    const pad = page.locator('[data-digit-pad]');
    const canvas = pad.locator('canvas[data-pad-canvas]');
    // In the middle of the viewport: the page's sticky header must not catch the pen.
    await canvas.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await pad.locator('[data-action="clear"]').click();
    await page.locator('[data-digit-pad][data-ready]').waitFor();
    return { page, pad, canvas };
  }

  /** Draws a sample's strokes with the mouse, as a reader would, and waits for the reading that follows. */
  async function drawWithMouse(page: Page, pad: Locator, canvas: Locator, digit: string): Promise<string> {
    await pad.locator('[data-action="clear"]').click();
    const box = (await canvas.boundingBox())!;
    for (const stroke of SAMPLE_DIGITS[digit]!) {
      const points = stroke.map(([x, y]) => [box.x + x * box.width, box.y + y * box.height] as const);
      await page.mouse.move(...points[0]!);
      await page.mouse.down();
      for (const point of points.slice(1)) await page.mouse.move(...point, { steps: 6 });
      await page.mouse.up();
    }
    return readingOf(pad);
  }
  const readingOf = async (pad: Locator) => {
    // The reading of the drawing now on the pad, not of a half-drawn stroke read on the way.
    await pad.locator('[data-prediction][data-current]').waitFor({ timeout: 60_000 });
    await pad.locator('[data-pad-output] .course-out__done').waitFor({ timeout: 60_000 }); // drawn after the reading
    return (await pad.locator('[data-prediction]').getAttribute('data-class'))!;
  };

  it('reads a mouse-drawn 1, 0 and 7 with the shipped network, nothing trained first', async () => {
    const { page, pad, canvas } = await openPad();
    for (const digit of ['1', '0', '7']) expect(await drawWithMouse(page, pad, canvas, digit)).toBe(digit);
    expect(await pad.locator('[data-reading]').innerText()).toMatch(/^It reads 7, with probability \d+\.\d%/);
    await page.close();
  }, 180_000);

  /** The pad after reading a sample digit: cheaper than drawing, and the same reading path. */
  async function readSample(digit: string) {
    const opened = await openPad();
    await opened.pad.locator('select[name="sample"]').selectOption(digit);
    expect(await readingOf(opened.pad)).toBe(digit);
    return opened;
  }

  it("shows a reading's probabilities, which add up to 100%, and the network's feature maps", async () => {
    const { page, pad } = await readSample('7');
    const values = await pad.locator('.digit-pad__value').allInnerTexts();
    const total = values.reduce((n, v) => n + Number.parseFloat(v), 0);
    expect(total).toBeGreaterThan(99.5);
    expect(total).toBeLessThan(100.5);
    const output = await pad.locator('[data-pad-output]').innerText();
    expect(output).toContain('first convolution (c1): 6 feature maps of 28×28');
    expect(output).toContain('second convolution (c3): 16 feature maps of 10×10');
    expect(await pad.locator('[data-steps] canvas').count()).toBe(3);
    await page.close();
  }, 120_000);

  it('offers every network the site ships, and reads the sample again with the one picked', async () => {
    const { page, pad } = await readSample('3');
    const choices = await pad
      .locator('input[name="network"]')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(choices).toEqual([...SHIPPED_NETWORKS, 'trained']);
    expect(await pad.locator('label', { has: page.locator('input[value="vgg8-mnist"]') }).innerText()).toMatch(
      /^VGG-8, shipped: \d+\.\d\d% after 3 epochs$/,
    );
    await pad.locator('input[value="vgg8-mnist"]').check();
    await pad.locator('[data-reading]', { hasText: 'the VGG-8 this site ships' }).waitFor({ timeout: 60_000 });
    await pad.locator('[data-pad-output] .course-out__done').waitFor({ timeout: 60_000 });
    expect(await pad.locator('[data-prediction]').getAttribute('data-class')).toBe('3');
    expect(await pad.locator('[data-pad-output]').innerText()).toContain('the first 16 shown');
    await page.close();
  }, 120_000);

  it('shows what the network looked at: saliency and Grad-CAM of the digit read, or of the class picked', async () => {
    const { page, pad } = await readSample('7');
    const why = pad.locator('[data-why]');
    await expect.poll(() => why.textContent(), { timeout: 60_000 }).toBe('Explaining 7; Grad-CAM on c3_relu.');
    await pad.locator('select[name="explain"]').selectOption('1');
    await expect.poll(() => why.textContent(), { timeout: 60_000 }).toBe('Explaining 1; Grad-CAM on c3_relu.');
    // Drawn: the heat map's warm pixels, not the grey digit alone.
    const warm = await pad.locator('canvas[data-gradcam]').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! > d[i + 2]! + 40) n++;
      return n;
    });
    expect(warm).toBeGreaterThan(10);
    await page.close();
  }, 120_000);

  it('meets WCAG 2 AA (axe-core) with a reading shown', async () => {
    const { page } = await readSample('7');
    expect(await axeViolations(page, '[data-digit-pad]')).toEqual([]);
    await page.close();
  }, 120_000);

  it('draws from the keyboard: arrows move the pen, Space lowers and lifts it', async () => {
    const { page, pad, canvas } = await openPad();
    await canvas.focus();
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    expect(await readingOf(pad)).toBe('1');
    await page.close();
  }, 120_000);

  it('reads a photo of a dark digit on light paper, and shows each step it took', async () => {
    const { page, pad } = await openPad();
    // A "photo": a dark 7 drawn on off-white paper, as a PNG.
    const png = await page.evaluate(
      async (strokes) => {
        const c = new OffscreenCanvas(400, 300);
        const g = c.getContext('2d')!;
        g.fillStyle = '#e8e4da';
        g.fillRect(0, 0, 400, 300);
        g.strokeStyle = '#222';
        g.lineWidth = 18;
        g.lineCap = g.lineJoin = 'round';
        g.beginPath();
        strokes[0]!.forEach(([x, y], i) => (i ? g.lineTo : g.moveTo).call(g, 100 + x * 200, 20 + y * 260));
        g.stroke();
        const blob = await c.convertToBlob({ type: 'image/png' });
        return Array.from(new Uint8Array(await blob.arrayBuffer()));
      },
      SAMPLE_DIGITS['7']!.map((s) => s.map(([x, y]) => [x, y])),
    );
    const input = pad.locator('input[name="photo"]');
    await input.setInputFiles({ name: 'seven.png', mimeType: 'image/png', buffer: Buffer.from(png) });
    expect(await readingOf(pad)).toBe('7');
    expect(await pad.locator('[data-steps] figcaption').allInnerTexts()).toEqual([
      'a. the photo in grey',
      'b. inverted (dark ink on light paper) and thresholded',
      '1. cropped to the ink',
      '2. scaled to fit 20×20',
      '3. centred by mass in 28×28',
    ]);
    await page.close();
  }, 120_000);

  it('says what is wrong with a file that is not an image, and with an empty one', async () => {
    const { page, pad } = await openPad();
    const input = pad.locator('input[name="photo"]');
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
    await pad.locator('[data-reading]', { hasText: 'not an image' }).waitFor({ timeout: 10_000 });
    await input.setInputFiles({ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) });
    await pad.locator('[data-reading]', { hasText: 'That file is empty' }).waitFor({ timeout: 10_000 });
    await page.close();
  }, 120_000);

  it('hands the drawing to the architecture explorer as its input', async () => {
    const { page, pad } = await openPad();
    await pad.locator('select[name="sample"]').selectOption('3');
    expect(await readingOf(pad)).toBe('3');
    await pad.locator('[data-action="explore"]').click();
    const explorer = page.locator('architecture-explorer');
    await explorer.scrollIntoViewIfNeeded();
    await explorer.locator('button[data-layer="c1"]').click();
    await explorer.locator('[data-feature-maps] .course-out__done').waitFor({ timeout: 60_000 });
    expect(await explorer.locator('select[name="input"]').inputValue()).toBe('tensor');
    expect(await explorer.locator('[data-feature-maps]').innerText()).toContain(
      'your drawing, as the model reads it: 28×28×1',
    );
    await page.close();
  }, 120_000);
});
