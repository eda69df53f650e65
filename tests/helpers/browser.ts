import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
// Specifiers with `.ts`: `npm run bench` imports this file in plain Node, which resolves no other.
import { serveDist, withServiceWorkers } from '../../scripts/lib/chromium.ts';
import { DIST, requireBuild } from './site.ts';

export { CHROMIUM, CHROMIUM_ARGS, CHROMIUM_BASE_ARGS, launchChromium } from '../../scripts/lib/chromium.ts';

/** Serves the production build, as `npm start` does, on a free port. */
export const startPreview = () => serveDist(DIST);

/**
 * For a describe block of the site tier: the project's one served dist/ and one Chromium (tests/helpers/site-setup.ts),
 * connected before its tests and disconnected after, which closes the contexts it opened. Its pages block the site's
 * service worker unless `serviceWorkers` is 'allow' (scripts/lib/chromium.ts says why).
 */
export function servedSite(options: { serviceWorkers?: 'allow' | 'block' } = {}): {
  readonly browser: Browser;
  readonly url: string;
} {
  let browser: Browser | undefined;
  beforeAll(async () => {
    requireBuild();
    browser = withServiceWorkers(await chromium.connect(inject('chromiumEndpoint')), options.serviceWorkers);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      return browser!;
    },
    get url() {
      return inject('siteUrl');
    },
  };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2 A and AA violations axe-core finds on the page, or inside `selector`, as "rule: first targets". */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async (within) => {
    type Result = { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
    const axe = (
      window as unknown as { axe: { run: (context: Element | Document, options: object) => Promise<Result> } }
    ).axe;
    const result = await axe.run(within ? document.querySelector(within)! : document, {
      runOnly: ['wcag2a', 'wcag2aa'],
    });
    return result.violations.map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
  }, selector ?? null);
}

/** Replaces a snippet's code as a reader would: open the editor if needed, select all, type. */
export async function replaceCode(page: Page, snippet: Locator, code: string): Promise<void> {
  if ((await snippet.locator('.cm-content').count()) === 0) await snippet.locator('[data-action="edit"]').click();
  await snippet.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

/** The cv-04 LeNet snippet, the one the e2e suites edit and run. */
export const LENET_SNIPPET = 'course-snippet[data-snippet-id="cv-04/lenet-5"]';

/** Opens cv-04 in `page` and returns the LeNet snippet, ready to run. */
export async function openLeNetIn(page: Page, siteUrl: string): Promise<Locator> {
  await page.goto(`${siteUrl}/cv/cv-04/`);
  const snippet = page.locator(LENET_SNIPPET);
  await snippet.scrollIntoViewIfNeeded();
  await snippet.locator('[data-action="run"]').waitFor();
  return snippet;
}

/**
 * Runs `code` in `snippet` and waits until its output shows `until`. (Waiting for "finished" could see the
 * previous run's end, still on screen until the new run clears it.)
 */
export async function runCode(page: Page, snippet: Locator, code: string, until: string | RegExp): Promise<void> {
  await replaceCode(page, snippet, code);
  await snippet.locator('[data-action="run"]').click();
  await snippet.locator('.course-snippet__output', { hasText: until }).waitFor({ timeout: 60_000 });
}

export const outputText = (snippet: Locator) => snippet.locator('.course-snippet__output').innerText();
