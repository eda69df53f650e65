import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { readLessons } from '~/content/lesson-graph';
import { axeViolations, CHROMIUM, servedSite } from '../helpers/browser';

if (!CHROMIUM && process.env.REQUIRE_E2E)
  throw new Error('e2e: REQUIRE_E2E is set but no Chromium was found at /usr/bin/chromium or $CHROMIUM_PATH');
if (!CHROMIUM)
  console.warn(
    'e2e: SKIPPED, no Chromium found at /usr/bin/chromium or $CHROMIUM_PATH (install it: apt-get install -y chromium)',
  );

const cv04 = readLessons().find((l) => l.lesson.id === 'cv-04')!.lesson;
const correctOf = (i: number) => cv04.quiz[i]!.options.findIndex((o) => o.correct);

describe.skipIf(!CHROMIUM)('the served site in Chromium', () => {
  const site = servedSite();

  async function open(
    path: string,
    options: { javaScriptEnabled?: boolean; theme?: 'light' | 'dark' } = {},
  ): Promise<Page> {
    const context = await site.browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true });
    const page = await context.newPage();
    if (options.theme) await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), options.theme);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(site.url + path);
    (page as Page & { errors: string[] }).errors = errors;
    return page;
  }
  const quiz = (page: Page, i: number) => page.locator('course-quiz').nth(i);

  it('opens the home page and lists every lesson', async () => {
    const page = await open('/');
    expect(await page.title()).toContain('CV Course');
    expect(await page.locator('.course-lesson-list a').count()).toBe(readLessons().length);
    await page.context().close();
  });

  it('searches "degradation" and lands on the ResNet section of cv-04', async () => {
    const page = await open('/');
    await page.locator('site-search button[data-open-modal]').first().click();
    await page.locator('.pagefind-ui__search-input').fill('degradation');
    const hit = page.locator('a.pagefind-ui__result-link[href*="/cv/cv-04/#resnet"]').first();
    await hit.waitFor({ timeout: 15_000 });
    await hit.click();
    await page.waitForURL(/\/cv\/cv-04\/#resnet/);
    const heading = page.locator('h2#resnet-residual-connections-and-150-layers');
    await expect.poll(() => heading.evaluate((h) => h.getBoundingClientRect().top)).toBeLessThan(300);
    await page.context().close();
  });

  it('finds text that only appears in a code block', async () => {
    const page = await open('/');
    await page.locator('site-search button[data-open-modal]').first().click();
    await page.locator('.pagefind-ui__search-input').fill('residualBlockV2'); // a function in a cv-04 code block only
    const excerpt = page.locator('.pagefind-ui__result-excerpt', { hasText: 'function residualBlockV2' });
    await excerpt.first().waitFor({ timeout: 15_000 });
    await page.context().close();
  });

  it('follows a related-lesson link to a real lesson', async () => {
    const page = await open('/cv/cv-04/');
    await page.locator('.course-links[data-kind="lessons"] a', { hasText: 'cv-05' }).click();
    await page.waitForURL(/\/cv\/cv-05\/$/);
    expect(await page.locator('h1').textContent()).toMatch(/Vision Transformers/);
    expect(await page.locator('course-quiz').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  /** A reader answers two questions, reloads, looks at the map and resets: one behaviour per test, one page. */
  describe('quizzes and progress', () => {
    let page: Page;
    const summary = () => page.locator('.course-meta [data-summary]');
    afterAll(() => page?.context().close());

    it('says Correct for the right answer', async () => {
      page = await open('/cv/cv-04/');
      const first = quiz(page, 0);
      await first.locator('label').nth(correctOf(0)).click();
      await first.getByRole('button', { name: 'Check answer' }).click();
      await expect.poll(() => first.locator('[data-feedback]').textContent()).toMatch(/^Correct\./);
    });

    it('says Not quite for a wrong one', async () => {
      const second = quiz(page, 1);
      await second
        .locator('label')
        .nth((correctOf(1) + 1) % 4)
        .click();
      await second.getByRole('button', { name: 'Check answer' }).click();
      await expect.poll(() => second.locator('[data-feedback]').textContent()).toMatch(/^Not quite\./);
    });

    it('counts the answers in the progress', async () => {
      await expect.poll(() => summary().textContent()).toContain('2 of 4 questions answered here (1 correct)');
    });

    it('keeps the answers and the visit across a reload', async () => {
      await page.reload();
      await expect.poll(() => summary().textContent()).toContain('2 of 4 questions answered here (1 correct)');
      expect(await summary().textContent()).toContain(`1 of ${readLessons().length} lessons visited`);
      expect(await quiz(page, 0).locator('input').nth(correctOf(0)).isChecked()).toBe(true);
      expect(await quiz(page, 0).locator('[data-feedback]').textContent()).toMatch(/^Correct\./);
    });

    it('ticks the visited lesson on the course map, and only it', async () => {
      await page.goto(`${site.url}/map/`);
      await expect
        .poll(() => page.locator('.course-map__node[data-lesson-id="cv-04"]').getAttribute('class'))
        .toContain('is-visited');
      expect(await page.locator('.course-map__node[data-lesson-id="cv-03"]').getAttribute('class')).not.toContain(
        'is-visited',
      );
    });

    it('resets it all when the reader confirms', async () => {
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: 'Reset progress' }).click();
      await expect.poll(() => page.locator('[data-summary]').textContent()).toContain('0 of');
    });
  });

  describe('"On this page" marks the section being read', () => {
    const resnet = 'resnet-residual-connections-and-150-layers';
    // It starts when the page is idle, which a busy machine may put off for a few seconds.
    const SOON = { timeout: 10_000 };
    const current = (page: Page, toc: string) =>
      page.locator(`${toc} a[aria-current="true"]`).evaluate((a: HTMLAnchorElement) => a.hash);

    it('on a wide screen: the title first, then the section scrolled to, then the one above it', async () => {
      const page = await open('/cv/cv-04/');
      await page.setViewportSize({ width: 1280, height: 800 });
      await expect.poll(() => current(page, 'starlight-toc'), SOON).toBe('#_top');
      await page.locator(`h2#${resnet}`).evaluate((h) => h.scrollIntoView());
      await expect.poll(() => current(page, 'starlight-toc'), SOON).toBe(`#${resnet}`);
      // Half a screen back up: the ResNet heading is below the line again, so the section above is the current one.
      await page.evaluate(() => window.scrollBy(0, -400));
      await expect.poll(() => current(page, 'starlight-toc'), SOON).not.toBe(`#${resnet}`);
      await page.context().close();
    });

    it('on a phone: the summary names the section', async () => {
      const page = await open(`/cv/cv-04/#${resnet}`);
      await page.setViewportSize({ width: 390, height: 800 });
      await page.locator(`h2#${resnet}`).evaluate((h) => h.scrollIntoView());
      await expect.poll(() => current(page, 'mobile-starlight-toc'), SOON).toBe(`#${resnet}`);
      await expect
        .poll(() => page.locator('mobile-starlight-toc .display-current').textContent(), SOON)
        .toMatch(/ResNet/);
      await page.context().close();
    });
  });

  it('works from the keyboard alone', async () => {
    const page = await open('/cv/cv-04/');
    const third = quiz(page, 2);
    await third.locator('input').first().focus();
    for (let i = 0; i < correctOf(2); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Check answer');
    await page.keyboard.press('Enter');
    await expect.poll(() => third.locator('[data-feedback]').textContent()).toMatch(/^Correct\./);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // opens the answer <details>
    expect(await third.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await page.context().close();
  });

  it('reads without JavaScript: questions with a revealable answer', async () => {
    const page = await open('/cv/cv-04/', { javaScriptEnabled: false });
    const first = quiz(page, 0);
    expect(await first.getByRole('button', { name: 'Check answer' }).isVisible()).toBe(false);
    const answer = first.locator('details li.is-correct');
    expect(await answer.isVisible()).toBe(false);
    await first.locator('summary').click();
    expect(await answer.isVisible()).toBe(true);
    expect(await answer.textContent()).toContain(cv04.quiz[0]!.options[correctOf(0)]!.explanation.slice(0, 30));
    // Progress needs scripts: no counts or buttons that could not work.
    expect(await page.locator('.course-progress__body').isVisible()).toBe(false);
    await page.context().close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`meets WCAG 2 AA (axe-core) in the ${theme} theme, quiz feedback shown`, async () => {
      for (const path of ['/cv/cv-04/', '/map/', '/']) {
        const page = await open(path, { theme });
        if (path === '/cv/cv-04/') {
          await quiz(page, 0).locator('label').nth(correctOf(0)).click();
          await quiz(page, 0).getByRole('button', { name: 'Check answer' }).click();
          await quiz(page, 1)
            .locator('label')
            .nth((correctOf(1) + 1) % 4)
            .click();
          await quiz(page, 1).getByRole('button', { name: 'Check answer' }).click();
        }
        // Expressive Code marks which code blocks scroll (and so stay focusable) when the page is idle.
        await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5_000 })));
        const violations = await axeViolations(page);
        expect(violations, `${path} (${theme})`).toEqual([]);
        await page.context().close();
      }
    });
  }

  // cv-04 ships about 18 KB: a snippet's code (with the run session) loads when a snippet wakes (snippet-island.ts).
  it('ships at most 30 KB gzip of JavaScript to a lesson page before the reader interacts, Starlight included', async () => {
    for (const l of readLessons()) {
      const page = await site.browser.newPage();
      const scripts: Array<Promise<Buffer>> = [];
      page.on('response', (r) => {
        if (r.request().resourceType() === 'script') scripts.push(r.body());
      });
      await page.goto(`${site.url}/${l.lesson.track}/${l.lesson.id}/`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(1_000); // idle-time work (hydration) happens without the reader
      // The page's words block (PageWords.astro) is JSON the browser never runs: it has a budget of its own.
      const inline = await page.$$eval('script:not([src]):not([type="application/json"])', (nodes) =>
        nodes.map((n) => n.textContent ?? ''),
      );
      const bodies = [...(await Promise.all(scripts)), ...inline.map((t) => Buffer.from(t))];
      const bytes = bodies.reduce((n, b) => n + gzipSync(b).length, 0);
      expect(scripts.length, l.lesson.id).toBeGreaterThan(3);
      expect(bytes, `${l.lesson.id}: ${bytes} bytes`).toBeLessThanOrEqual(30 * 1024);
      // The words block, JSON the browser never runs, has its own budget (tests/site/page-weight.test.ts).
      await page.close();
    }
  });

  it('loads no script errors on any lesson page', async () => {
    for (const l of readLessons()) {
      const page = await open(`/${l.lesson.track}/${l.lesson.id}/`);
      await page.waitForLoadState('networkidle');
      expect((page as Page & { errors: string[] }).errors, l.lesson.id).toEqual([]);
      await page.context().close();
    }
  });
});
