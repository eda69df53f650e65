// The Russian edition, driven as a reader would: the language picker, search in Russian, a quiz, a snippet's error,
// an exercise's verdict and the trainer's progress, all worded in Russian, and axe in both themes. On dl-04, a short
// lesson, and the trainer's test page.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { readLessons } from '~/content/lesson-graph';
import { axeViolations, CHROMIUM, replaceCode, servedSite } from '../helpers/browser';

const LESSON = '/ru/dl/dl-04/';
const dl04 = readLessons(process.cwd(), undefined, 'ru').find((l) => l.lesson.id === 'dl-04')!.lesson;
const correctOf = (i: number) => dl04.quiz[i]!.options.findIndex((o) => o.correct);
const CYRILLIC = /[а-яё]/i;

describe.skipIf(!CHROMIUM)('the course in Russian', () => {
  const site = servedSite();

  async function open(path: string, theme?: 'light' | 'dark'): Promise<Page> {
    const page = await (await site.browser.newContext()).newPage();
    if (theme) await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await page.goto(site.url + path);
    return page;
  }

  it('goes from a lesson to the same lesson in Russian with the language picker, and back', async () => {
    const page = await open('/dl/dl-04/');
    await page.locator('starlight-lang-select select').first().selectOption({ label: 'Русский' });
    await page.waitForURL((url) => url.pathname === LESSON);
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.locator('h1').textContent()).toMatch(CYRILLIC);
    await page.locator('starlight-lang-select select').first().selectOption({ label: 'English' });
    await page.waitForURL((url) => url.pathname === '/dl/dl-04/');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.context().close();
  });

  it('searches Russian pages for a Russian word, and English pages for an English one', async () => {
    const results = async (path: string, query: string) => {
      const page = await open(path);
      await page.locator('site-search button[data-open-modal]').first().click();
      await page.locator('.pagefind-ui__search-input').fill(query);
      const links = page.locator('a.pagefind-ui__result-link');
      await links.first().waitFor({ timeout: 15_000 });
      const hrefs = await links.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      await page.context().close();
      return hrefs;
    };
    const ru = await results('/ru/', 'рецептивное поле');
    expect(ru).toContain(LESSON);
    expect(ru.every((h) => h.startsWith('/ru/'))).toBe(true);
    const en = await results('/', 'receptive field');
    expect(en).toContain('/dl/dl-04/');
    expect(en.some((h) => h.startsWith('/ru/'))).toBe(false);
  });

  /** One reader on the Russian dl-04: a quiz, a snippet's error and an exercise's verdict, one behaviour per test. */
  describe('a lesson', () => {
    let page: Page;
    afterAll(() => page?.context().close());

    it('says Верно for the right answer to a quiz', async () => {
      page = await open(LESSON);
      const quiz = page.locator('course-quiz').first();
      await quiz.locator('label').nth(correctOf(0)).click();
      await quiz.getByRole('button', { name: 'Проверить ответ' }).click();
      await expect.poll(() => quiz.locator('[data-feedback]').textContent()).toMatch(/^Верно\./);
    });

    it('shares the answer with the English lesson: one reader, one progress', async () => {
      const english = await page.context().newPage();
      await english.goto(`${site.url}/dl/dl-04/`);
      await expect
        .poll(() => english.locator('.course-meta [data-summary]').textContent())
        .toContain(`1 of ${dl04.quiz.length} questions answered here (1 correct)`);
      await english.close();
    });

    it("words a snippet's error in Russian, at the reader's line", async () => {
      const snippet = page.locator('course-snippet[data-snippet-id="dl-04/receptive-field-of-the-small-stack"]');
      await snippet.scrollIntoViewIfNeeded();
      await snippet.locator('[data-action="run"]:enabled').waitFor();
      await replaceCode(page, snippet, 'const a = 1;\nconst b = 2;\nconst c = ;\n');
      await snippet.locator('[data-action="run"]').click();
      const error = snippet.locator('.course-out__error');
      await error.waitFor({ timeout: 30_000 });
      expect(await error.textContent()).toMatch(/^Синтаксическая ошибка в строке 3, столбец \d+:/);
    }, 60_000);

    it("gives an exercise's verdict in Russian", async () => {
      const exercise = page.locator('[data-exercise="pool-placement"]');
      await exercise.scrollIntoViewIfNeeded();
      await exercise.locator('[data-action="check"]:enabled').click();
      const verdict = exercise.locator('.course-out__check');
      await verdict.waitFor({ timeout: 60_000 });
      expect(await exercise.getAttribute('data-state')).toBe('failed');
      const text = await verdict.innerText();
      expect(text).toMatch(CYRILLIC);
      expect(text).not.toMatch(/receptive field|expected/i);
    }, 90_000);
  });

  it("shows the trainer's progress in Russian", async () => {
    const page = await open('/ru/test/trainer/');
    const trainer = page.locator('mnist-trainer');
    await trainer.scrollIntoViewIfNeeded();
    await trainer.locator('select[name="epochs"]').selectOption('1');
    await trainer.locator('select[name="backend"]').selectOption('wasm');
    await trainer.locator('[data-action="train"]:enabled').click();
    await expect
      .poll(() => trainer.locator('.course-out__progress').innerText(), { timeout: 60_000 })
      .toMatch(/эпоха 1 из 1/);
    await trainer.locator('[data-action="stop"]').click();
    await page.context().close();
  }, 90_000);

  for (const theme of ['light', 'dark'] as const)
    it(`meets WCAG 2 AA (axe-core) in the ${theme} theme`, async () => {
      const page = await open(LESSON, theme);
      const quiz = page.locator('course-quiz').first();
      await quiz
        .locator('label')
        .nth((correctOf(0) + 1) % dl04.quiz[0]!.options.length)
        .click();
      await quiz.getByRole('button', { name: 'Проверить ответ' }).click();
      await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5_000 })));
      expect(await axeViolations(page), theme).toEqual([]);
      await page.context().close();
    });
});
