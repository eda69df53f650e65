// Exercises and code links on cv-04, driven as a reader would: Check, hints, the solution, progress, and links
// that carry code (which never run on their own and may be broken).
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, CHROMIUM, replaceCode, servedSite } from '../helpers/browser';

describe.skipIf(!CHROMIUM)('exercises and code links', () => {
  const site = servedSite();
  const EXERCISE = '[data-exercise="vgg-block"]';
  const SNIPPET_ID = 'cv-04/exercise-vgg-block';

  async function open(context?: BrowserContext, hash = ''): Promise<{ page: Page; exercise: Locator }> {
    const page = await (context ?? (await site.browser.newContext())).newPage();
    await page.goto(`${site.url}/cv/cv-04/${hash}`);
    const exercise = page.locator(EXERCISE);
    await exercise.scrollIntoViewIfNeeded();
    await exercise.locator('[data-action="check"]:enabled').waitFor();
    return { page, exercise };
  }
  const shownCode = (exercise: Locator) => exercise.locator('.course-snippet__plain').innerText();
  const notice = (exercise: Locator) => exercise.locator('.course-snippet__edited').innerText();

  it('fails the starter with feedback, passes the loaded solution, and counts it in the progress', async () => {
    const { page, exercise } = await open();
    expect(await exercise.getAttribute('data-state')).toBe('idle');
    const progress = page.locator('course-progress [data-summary]');
    expect(await progress.innerText()).toContain('0 of 6 exercises passed');
    await exercise.locator('[data-action="check"]').click();
    await exercise.locator('.course-out__check').waitFor({ timeout: 60_000 });
    expect(await exercise.getAttribute('data-state')).toBe('failed');
    expect(await exercise.locator('.course-out__check').innerText()).toContain(
      "your block's output is [28, 28, 64]; expected [14, 14, 128]",
    );
    await exercise.locator('[data-action="hint"]').click();
    expect(await exercise.locator('details[data-hint="0"]').getAttribute('open')).toBe('');
    expect(await exercise.locator('[data-action="hint"]').isDisabled()).toBe(true); // its only hint is shown

    await exercise.locator('[data-action="solution"]').click();
    await exercise.locator('[data-action="load-solution"]').click();
    await exercise.locator('[data-action="check"]').click();
    await exercise.locator('.course-out__check--passed').waitFor({ timeout: 60_000 });
    expect(await exercise.getAttribute('data-state')).toBe('passed');
    expect(await progress.innerText()).toContain('1 of 6 exercises passed');
    await page.reload();
    expect(await page.locator('course-progress [data-summary]').innerText()).toContain('1 of 6 exercises passed');
    expect(await axeViolations(page, EXERCISE)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('shares a block by link: the link restores the code, runs nothing, survives a reload, and offers the lesson’s code', async () => {
    const context = await site.browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    const { page, exercise } = await open(context);
    await replaceCode(page, exercise.locator('course-snippet'), "console.log('shared by a reader');");
    await exercise.locator('[data-action="share"]').click();
    await exercise.locator('.course-snippet__link', { hasText: 'Link copied' }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain(`#code/${SNIPPET_ID}/`);

    // A reader who never edited the block opens the link.
    const other = await site.browser.newContext();
    const opened = await other.newPage();
    const requests: string[] = [];
    opened.on('request', (r) => requests.push(r.url()));
    await opened.goto(link);
    const block = opened.locator(EXERCISE);
    await block.locator('.course-snippet__link', { hasText: 'came from a link' }).waitFor();
    expect(await shownCode(block)).toBe("console.log('shared by a reader');");
    expect(opened.workers()).toHaveLength(0);
    expect(requests.filter((u) => /worker/.test(u))).toEqual([]);
    await opened.reload();
    await block.locator('.course-snippet__link', { hasText: 'came from a link' }).waitFor();
    expect(await shownCode(block)).toBe("console.log('shared by a reader');");
    expect(opened.workers()).toHaveLength(0);
    await block.getByRole('button', { name: "Use the lesson's code" }).click();
    expect(await block.locator('.course-snippet__plain').isHidden()).toBe(true); // the author's highlighted code
    expect(opened.url()).not.toContain('#code/');
    await other.close();
    await context.close();
  }, 120_000);

  it.each([
    ['malformed', () => '%%%not-base64', /malformed/],
    ['truncated', (good: string) => good.slice(0, Math.floor(good.length / 2)), /damaged or cut short/],
    ['1 MB long', () => 'A'.repeat(1024 * 1024), /too long/],
  ])(
    'refuses a %s link with a clear message and keeps the lesson’s code',
    async (_, payload, message) => {
      const context = await site.browser.newContext();
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
      const { page, exercise } = await open(context);
      await replaceCode(
        page,
        exercise.locator('course-snippet'),
        `// ${'a long line of code to compress '.repeat(20)}`,
      );
      await exercise.locator('[data-action="share"]').click();
      await exercise.locator('.course-snippet__link', { hasText: 'Link copied' }).waitFor();
      const good = (await page.evaluate(() => navigator.clipboard.readText())).split('/').at(-1)!;
      const fresh = await (await site.browser.newContext()).newPage();
      await fresh.goto(`${site.url}/cv/cv-04/#code/${SNIPPET_ID}/${payload(good)}`);
      const block = fresh.locator(EXERCISE);
      await block.locator('.course-snippet__link').waitFor({ timeout: 10_000 });
      expect(await notice(block)).toMatch(message);
      expect(await notice(block)).toContain("This is the lesson's code");
      expect(await block.locator('.course-snippet__plain').isHidden()).toBe(true);
      await fresh.context().close();
      await context.close();
    },
    60_000,
  );
});
