// The Russian edition as built: every page has its Russian twin under /ru/, written in Russian (no English prose
// outside code, names and citations), linked to its English original by the language picker, and searched in an
// index of its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtPages, DIST, parsePage, requireBuild } from '../helpers/site';

beforeAll(requireBuild);

/** The English pages readers see (the test-only pages under /test/ are not translated). */
const english = () => builtPages().filter((p) => !p.url.startsWith('/ru/') && !/^\/(test\/|404)/.test(p.url));
const russian = (url: string) => `/ru${url}`;

/**
 * Parts of a page that are not prose to translate: code, keys, hidden text, and text marked as English (the zoo's
 * descriptions of what it built, `lang="en"`, which a screen reader then reads as English).
 */
const NOT_PROSE =
  'pre, code, kbd, script, style, svg, template, .expressive-code, .sr-only, [data-words], mark, [lang="en"]';

/**
 * Runs of five or more Latin-letter words in the page's main text, outside code and the reference list: English
 * prose that the translation left. Network and paper names are shorter than that; a citation is "(LeCun et al.,
 * 1998)".
 */
function englishRuns(main: HTMLElement): string[] {
  const refs = main.querySelector('#литература');
  for (const el of main.querySelectorAll(NOT_PROSE)) el.remove();
  if (refs) {
    // Everything from the references heading on is bibliographic data, kept in its own language.
    const node = refs.closest('.sl-heading-wrapper') ?? refs;
    while (node.nextElementSibling) node.nextElementSibling.remove();
  }
  // English on purpose: a gloss or a citation in parentheses, "(batch normalization)", "(Transformer encoder;
  // Vaswani et al., 2017)", and a paper's title in quotes, «Gradient-based learning applied to document recognition».
  const text = main.textContent
    .replace(/\s+/g, ' ')
    .replace(/\([^()]*\)/g, ' ')
    .replace(/«[^«»]*»/g, ' ');
  // Prose has small words: a run of names ("ImageNet Large Scale Visual Recognition Challenge", "Wide & Deep,
  // YouTube DNN, NCF") has few words that start in lower case, a sentence many.
  return [...text.matchAll(/(?:[A-Za-z][A-Za-z'’.-]*[,:;]? (?:(?:&|—|-) )?){5,}/g)]
    .map((m) => m[0].trim())
    .filter((run) => run.split(' ').filter((w) => /^[a-z]/.test(w)).length >= 3);
}

describe('the Russian edition', () => {
  it.each(english().map((p) => p.url))('has %s in Russian, not the English fallback', (url) => {
    const page = parsePage(russian(url));
    expect(page.querySelector('html')?.getAttribute('lang')).toBe('ru');
    // Starlight marks the content of a page shown in English under /ru/ with lang="en".
    expect(page.querySelector('main')?.getAttribute('lang') ?? 'ru').toBe('ru');
  });

  it.each(english().map((p) => p.url))('writes %s in Russian, outside code and names', (url) => {
    const page = parsePage(russian(url));
    expect(englishRuns(page.querySelector('main')!)).toEqual([]);
    // The sidebar (which the home page, a splash page, has not) names every lesson by its Russian title.
    const sidebar = page.querySelector('nav.sidebar');
    if (sidebar) expect(englishRuns(sidebar)).toEqual([]);
    expect(sidebar !== null || url === '/').toBe(true);
  });

  it.each(english().map((p) => p.url))('links %s to its English original from the language picker', (url) => {
    const options = parsePage(russian(url))
      .querySelectorAll('starlight-lang-select option')
      .map((o) => o.getAttribute('value'));
    expect(options).toContain(url);
    expect(options).toContain(russian(url));
  });

  it('searches each language in its own index, each page once', () => {
    const entry = JSON.parse(readFileSync(join(DIST, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    const indexed = (lang: string) => entry.languages[lang]?.page_count ?? 0;
    // Each language indexes its own pages; a page shown under /ru/ in English (a fallback) is not indexed again.
    expect(indexed('ru')).toBe(english().length);
    expect(indexed('en')).toBeGreaterThanOrEqual(english().length);
  });

  it('finds English prose when a Russian page has it (the check can fail)', () => {
    const main = parsePage('/dl/dl-04/').querySelector('main')!;
    expect(englishRuns(main).length).toBeGreaterThan(10);
  });
});
