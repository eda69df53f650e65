// Exercises and code links on cv-04, driven as a reader would: Check, hints, the solution, progress, and links
// that carry code (which never run on their own and may be broken).
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
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

  /** One reader working through the VGG exercise, in order; each test is one behaviour on the same page. */
  describe('an exercise', () => {
    let page: Page;
    let exercise: Locator;
    const progress = () => page.locator('course-progress [data-summary]');
    afterAll(() => page?.context().close());

    it('starts idle, with none of the lesson’s exercises passed', async () => {
      ({ page, exercise } = await open());
      expect(await exercise.getAttribute('data-state')).toBe('idle');
      expect(await progress().innerText()).toContain('0 of 6 exercises passed');
    }, 60_000);

    it('fails the starter code with feedback that says what differs', async () => {
      await exercise.locator('[data-action="check"]').click();
      await exercise.locator('.course-out__check').waitFor({ timeout: 60_000 });
      expect(await exercise.getAttribute('data-state')).toBe('failed');
      expect(await exercise.locator('.course-out__check').innerText()).toContain(
        "your block's output is [28, 28, 64]; expected [14, 14, 128]",
      );
    }, 90_000);

    it('shows its one hint, then offers no more', async () => {
      await exercise.locator('[data-action="hint"]').click();
      expect(await exercise.locator('details[data-hint="0"]').getAttribute('open')).toBe('');
      expect(await exercise.locator('[data-action="hint"]').isDisabled()).toBe(true);
    });

    it('passes with the solution loaded into the editor', async () => {
      await exercise.locator('[data-action="solution"]').click();
      await exercise.locator('[data-action="load-solution"]').click();
      await exercise.locator('[data-action="check"]').click();
      await exercise.locator('.course-out__check--passed').waitFor({ timeout: 60_000 });
      expect(await exercise.getAttribute('data-state')).toBe('passed');
    }, 90_000);

    it('counts the pass in the progress, and keeps it across a reload', async () => {
      expect(await progress().innerText()).toContain('1 of 6 exercises passed');
      await page.reload();
      expect(await progress().innerText()).toContain('1 of 6 exercises passed');
    }, 60_000);

    it('meets WCAG 2 AA (axe-core)', async () => {
      expect(await axeViolations(page, EXERCISE)).toEqual([]);
    }, 60_000);
  });

  /** A reader shares an edited block by link, and another reader opens it; each test is one step of that. */
  describe('a code link', () => {
    let context: BrowserContext;
    let other: BrowserContext;
    let link = '';
    let opened: Page;
    const block = () => opened.locator(EXERCISE);
    afterAll(async () => {
      await other?.close();
      await context?.close();
    });

    it('is copied with the edited code in it', async () => {
      context = await site.browser.newContext();
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
      const { page, exercise } = await open(context);
      await replaceCode(page, exercise.locator('course-snippet'), "console.log('shared by a reader');");
      await exercise.locator('[data-action="share"]').click();
      await exercise.locator('.course-snippet__link', { hasText: 'Link copied' }).waitFor();
      link = await page.evaluate(() => navigator.clipboard.readText());
      expect(link).toContain(`#code/${SNIPPET_ID}/`);
    }, 60_000);

    it('restores the code for a reader who never edited the block, and runs nothing', async () => {
      other = await site.browser.newContext();
      opened = await other.newPage();
      const requests: string[] = [];
      opened.on('request', (r) => requests.push(r.url()));
      await opened.goto(link);
      await block().locator('.course-snippet__link', { hasText: 'came from a link' }).waitFor();
      expect(await shownCode(block())).toBe("console.log('shared by a reader');");
      expect(opened.workers()).toHaveLength(0);
      expect(requests.filter((u) => /worker/.test(u))).toEqual([]);
    }, 60_000);

    it('survives a reload, still running nothing', async () => {
      await opened.reload();
      await block().locator('.course-snippet__link', { hasText: 'came from a link' }).waitFor();
      expect(await shownCode(block())).toBe("console.log('shared by a reader');");
      expect(opened.workers()).toHaveLength(0);
    }, 60_000);

    it('offers the lesson’s code back, and drops the link from the address', async () => {
      await block().getByRole('button', { name: "Use the lesson's code" }).click();
      expect(await block().locator('.course-snippet__plain').isHidden()).toBe(true); // the author's highlighted code
      expect(opened.url()).not.toContain('#code/');
    }, 60_000);
  });

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
