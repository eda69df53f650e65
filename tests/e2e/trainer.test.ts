// The training island, driven as a reader would: settings, Train, the live output, Stop, picking digits, and the
// networks a reader keeps. On its test page (src/content/docs/test/trainer.mdx): the island, a snippet and the
// progress panel (whose "Erase all my data" erases saved networks too).
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { axeViolations, CHROMIUM, replaceCode, servedSite } from '../helpers/browser';

const PAGE = '/test/trainer/';

describe.skipIf(!CHROMIUM)('the MNIST training island', () => {
  const site = servedSite();

  async function openTrainer(context?: BrowserContext): Promise<Page> {
    const page = await (context ?? site.browser).newPage();
    await page.goto(`${site.url}${PAGE}`);
    await page.locator('mnist-trainer').scrollIntoViewIfNeeded();
    await page.locator('mnist-trainer [data-action="train"]:enabled').waitFor();
    return page;
  }

  async function startTraining(page: Page) {
    const trainer = page.locator('mnist-trainer');
    await trainer.locator('select[name="epochs"]').selectOption('1');
    await trainer.locator('select[name="backend"]').selectOption('wasm');
    await trainer.locator('[data-action="train"]').click();
    await trainer.locator('.course-out__progress progress').waitFor({ timeout: 60_000 });
    return trainer;
  }

  /** Runs `code` in the page's snippet on the CPU backend (the page's one worker is shared with the trainer). */
  async function runSnippet(page: Page, code: string) {
    const snippet = page.locator('course-snippet[data-snippet-id="trainer/other-run"]');
    await snippet.scrollIntoViewIfNeeded();
    await snippet.locator('select').selectOption('cpu');
    await replaceCode(page, snippet, code);
    await snippet.locator('[data-action="run"]').click();
    return snippet;
  }

  it('runs nothing until Train is pressed', async () => {
    const page = await openTrainer();
    await page.waitForTimeout(500);
    expect(page.workers()).toHaveLength(0);
    expect(await page.locator('mnist-trainer [data-inspect]').isHidden()).toBe(true);
    await page.close();
  }, 60_000);

  it('stops within a second and can train again', async () => {
    const page = await openTrainer();
    const trainer = page.locator('mnist-trainer');
    await trainer.locator('select[name="backend"]').selectOption('wasm');
    await trainer.locator('[data-action="train"]').click();
    await trainer.locator('.course-out__progress progress').waitFor({ timeout: 60_000 });
    const stopAt = Date.now();
    await trainer.locator('[data-action="stop"]').click();
    await trainer.locator('[data-output] .course-out__error').waitFor({ timeout: 2_000 });
    expect(Date.now() - stopAt).toBeLessThan(1_000);
    expect(await trainer.getAttribute('data-state')).toBe('stopped');
    // The trainer yields between batches, so it stops itself; the worker is not killed.
    expect(await trainer.locator('[data-output] .course-out__error').innerText()).not.toContain('did not yield');
    expect(await trainer.locator('[data-action="stop"]').isDisabled()).toBe(true);
    expect(await trainer.locator('[data-inspect]').isHidden()).toBe(true);

    await trainer.locator('[data-action="train"]').click();
    // The new run's own progress: the stopped run's may still be on screen for a moment on a busy machine.
    await page
      .locator('mnist-trainer[data-state="running"] .course-out__progress progress')
      .waitFor({ timeout: 60_000 });
    await trainer.locator('[data-action="stop"]').click();
    await page.close();
  }, 120_000);
  it('says that a snippet started elsewhere on the page stopped the training', async () => {
    const page = await openTrainer();
    const trainer = await startTraining(page);
    await runSnippet(page, "console.log('meanwhile');");
    await trainer.locator('[data-output] .course-out__error').waitFor({ timeout: 10_000 });
    expect(await trainer.locator('[data-output] .course-out__error').innerText()).toContain('another run was started');
    await page.close();
  }, 120_000);

  it('shows a setting the worker would refuse next to its field, and starts nothing', async () => {
    const page = await openTrainer();
    const trainer = page.locator('mnist-trainer');
    // A form the page did not write (an old cached page, an extension, devtools): one choice the table lacks.
    await trainer.locator('select[name="batchSize"]').evaluate((select: HTMLSelectElement) => {
      select.options[0]!.value = '7';
      select.selectedIndex = 0;
    });
    await trainer.locator('[data-action="train"]').click();
    const note = trainer.locator('.course-trainer__field-error');
    await note.waitFor({ timeout: 5_000 });
    expect(await note.innerText()).toBe('Training setting batchSize must be one of 16, 32, 64, 128; got "7"');
    const field = trainer.locator('select[name="batchSize"]');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toBe(await note.getAttribute('id'));
    expect(await field.evaluate((f) => f === document.activeElement)).toBe(true);
    expect(await trainer.getAttribute('data-state')).toBeNull();
    expect(page.workers()).toHaveLength(0);
    await field.selectOption('32');
    expect(await note.count()).toBe(0);
    await page.close();
  }, 60_000);

  it('shows a true state after the page is left mid-training (back/forward cache) and can train again', async () => {
    const page = await openTrainer();
    const trainer = await startTraining(page);
    // What the browser fires when it puts the page in the back/forward cache; the page ends its runs then.
    await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
    await trainer.locator('[data-output] .course-out__error', { hasText: 'left the page' }).waitFor({ timeout: 5_000 });
    expect(await trainer.getAttribute('data-state')).toBe('stopped');
    expect(await trainer.locator('[data-action="stop"]').isDisabled()).toBe(true);
    await trainer.locator('[data-action="train"]').click();
    // The new run's own progress: the stopped run's may still be on screen for a moment on a busy machine.
    await page
      .locator('mnist-trainer[data-state="running"] .course-out__progress progress')
      .waitFor({ timeout: 60_000 });
    await trainer.locator('[data-action="stop"]').click();
    await page.close();
  }, 120_000);

  /**
   * One training, then what a reader does with the trained network, in order: each test is one behaviour, and they
   * share the page (training takes most of a minute, so it happens once).
   */
  describe('a trained network', () => {
    let context: BrowserContext;
    let page: Page;
    const trainer = () => page.locator('mnist-trainer');
    const inspect = () => trainer().locator('[data-inspect-output]');
    const picked = (n: number) =>
      inspect().locator(':scope > .course-out__image figcaption', { hasText: `Test digit #${n}:` });
    const saved = () => page.locator('mnist-trainer [data-networks]');
    const files: Array<{ name: string; buffer: Buffer }> = [];
    afterAll(() => context?.close());

    it('trains in the worker with live output, and the page keeps answering', async () => {
      context = await site.browser.newContext({ acceptDownloads: true });
      page = await openTrainer(context);
      await startTraining(page);
      await trainer().locator('[data-output] .course-out__chart canvas').first().waitFor({ timeout: 10_000 });
      expect(await trainer().locator('[data-output] .course-out__done').count()).toBe(0); // live: before the end
      const started = Date.now();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
      expect(Date.now() - started).toBeLessThan(500);
    }, 120_000);

    it('ends with the test accuracy, two charts, no leak and the test digits to pick', async () => {
      await trainer().locator('[data-output] .course-out__done').waitFor({ timeout: 180_000 });
      const output = await trainer().locator('[data-output]').innerText();
      expect(output).toMatch(/Test accuracy: \d+\.\d\d% \(\d+ of 2000/);
      expect(output).toContain('no tensors leaked');
      expect(await trainer().locator('[data-output] .course-out__chart').count()).toBe(2);
      expect(await trainer().locator('[data-output] button.course-out__pick').count()).toBeGreaterThanOrEqual(24);
    }, 200_000);

    it("shows digit 0's feature maps when training ends", async () => {
      await inspect().locator('.course-out__done').waitFor({ timeout: 30_000 });
      expect(await inspect().locator(':scope > .course-out__image figcaption').innerText()).toMatch(
        /^Test digit #0: a \d; the network says \d$/,
      );
      expect(
        await inspect()
          .locator('.course-out__gallery')
          .evaluateAll((gs) => gs.map((g) => g.querySelectorAll('canvas').length)),
      ).toEqual([6, 16]);
    }, 60_000);

    it('shows the maps of a digit picked from the keyboard, or by its number', async () => {
      await trainer().locator('[data-output] button.course-out__pick').nth(4).focus();
      await page.keyboard.press('Enter');
      await picked(4).waitFor({ timeout: 30_000 });
      await trainer().locator('input[name="index"]').fill('1999');
      await page.keyboard.press('Enter');
      await picked(1999).waitFor({ timeout: 30_000 });
    }, 90_000);

    it('meets WCAG 2 AA (axe-core) with charts, galleries of buttons and feature maps drawn', async () => {
      expect(await axeViolations(page, 'mnist-trainer')).toEqual([]);
    }, 60_000);

    it("keeps the network when a snippet's worker is restarted", async () => {
      // An endless loop in a snippet, stopped: the page replaces the snippet's worker, not the trainer's.
      const snippet = await runSnippet(page, "console.log('spinning');\nwhile (true) {}");
      await snippet.locator('.course-out__log', { hasText: 'spinning' }).waitFor({ timeout: 30_000 });
      await snippet.locator('[data-action="stop"]').click();
      await snippet.locator('.course-out__error', { hasText: 'worker was restarted' }).waitFor({ timeout: 5_000 });
      await trainer().locator('[data-output] button.course-out__pick').nth(3).click();
      await picked(3).waitFor({ timeout: 30_000 });
    }, 90_000);

    it('says plainly that the network is gone once its own worker is', async () => {
      // Leaving the page ends every worker, the trainer's too.
      await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
      await trainer().locator('[data-output] button.course-out__pick').nth(5).click();
      await trainer()
        .locator('[data-output] .course-out__status', { hasText: 'trained network is gone' })
        .waitFor({ timeout: 5_000 });
      expect(await trainer().locator('[data-inspect]').isHidden()).toBe(true);
    }, 60_000);

    it('lists the network it saved after a reload', async () => {
      expect(await trainer().locator('[data-output]').innerText()).toContain('Saved in this browser');
      await page.reload();
      await saved().scrollIntoViewIfNeeded();
      await saved().locator('[data-action="list-networks"]:enabled').click();
      await saved().locator('[data-networks-list] li').first().waitFor({ timeout: 60_000 });
      expect(await saved().locator('[data-networks-list] li').count()).toBe(1);
      expect(await saved().locator('[data-networks-list] li').innerText()).toMatch(
        /\d+\.\d\d% on the test digits, 1 epochs, relu/,
      );
    }, 90_000);

    it('loads a saved network, with the maps of a digit', async () => {
      await saved().getByRole('button', { name: 'Load', exact: true }).click();
      await saved().locator('[data-networks-status]', { hasText: 'Loaded the network' }).waitFor({ timeout: 60_000 });
      await inspect().locator('.course-out__done').waitFor({ timeout: 60_000 });
    }, 120_000);

    it('downloads it as model.json and its weights', async () => {
      page.on('download', async (d) => {
        // Read as a stream: the site tier's Chromium is a server this test connects to, so there is no local path.
        const chunks: Buffer[] = [];
        for await (const chunk of await d.createReadStream()) chunks.push(chunk as Buffer);
        files.push({ name: d.suggestedFilename(), buffer: Buffer.concat(chunks) });
      });
      await saved().locator('[data-action="download"]').click();
      await expect.poll(() => files.length, { timeout: 30_000 }).toBe(2);
      expect(files.map((f) => f.name).sort()).toEqual(['lenet5.weights.bin', 'model.json']);
    }, 60_000);

    it("erases it with the rest of the reader's data", async () => {
      page.once('dialog', (d) => void d.accept());
      await page.locator('course-progress [data-erase]').click();
      await page.locator('course-progress [data-summary]', { hasText: 'Erased' }).waitFor({ timeout: 10_000 });
      await saved().locator('[data-action="list-networks"]').click();
      await saved().locator('[data-networks-status]', { hasText: 'No network is saved' }).waitFor({ timeout: 60_000 });
    }, 90_000);

    it('loads the downloaded files back', async () => {
      expect(files).toHaveLength(2);
      await saved()
        .locator('input[name="network-files"]')
        .setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: f.buffer })));
      await saved().locator('[data-networks-status]', { hasText: 'Loaded the network' }).waitFor({ timeout: 60_000 });
      expect(await saved().locator('[data-networks-list] li').count()).toBe(1);
    }, 90_000);
  });
});
