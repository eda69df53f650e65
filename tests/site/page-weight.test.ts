import { gzipSync } from 'node:zlib';
import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLessons } from '~/content/lesson-graph';
import { readPage, requireBuild } from '../helpers/site';

/**
 * What a phone parses, styles and lays out. cv-04, the longest lesson, had 11,464 elements before its highlighted
 * code was compacted (src/integrations/ec-compact.ts) and has about 9,100 since; the budget leaves room for a few
 * more blocks, not for a return to one span per token.
 */
const DOM_ELEMENT_BUDGET = 9_800;

const lessons = readLessons().map((l) => [l.lesson.id, `/${l.lesson.track}/${l.lesson.id}/`] as const);
// Code inside <pre> parsed as elements, as a browser does (node-html-parser keeps it as text by default).
const parsePage = (url: string): HTMLElement => parse(readPage(url), { blockTextElements: { script: false } });

beforeAll(requireBuild);

/**
 * The page's words block (PageWords.astro) is JSON the browser parses only when an island first words something,
 * never runs: it holds the words of the islands the page uses (page-words.ts). cv-04, with all of them, the
 * exercise verdicts' and the zoo's descriptions, carries about 11.1 KB gzip in English; Cyrillic takes two bytes a
 * letter in UTF-8, so the same words are about 15.2 KB in Russian. The next step, when these grow again, is to
 * load an island's words with its code instead of with the page.
 */
const WORDS_BUDGET_BYTES = { '': 12 * 1024, '/ru': 16 * 1024 } as const;

describe.each(lessons)('the words block of %s', (_id, url) => {
  it.each(Object.entries(WORDS_BUDGET_BYTES))('in %s fits its budget', (prefix, budget) => {
    const words = parse(readPage(`${prefix}${url}`)).querySelector('#course-words')?.textContent ?? '';
    expect(words.length).toBeGreaterThan(100);
    expect(gzipSync(words).length).toBeLessThanOrEqual(budget);
  });
});

describe.each(lessons)('the built %s page', (_id, url) => {
  it(`has at most ${DOM_ELEMENT_BUDGET.toLocaleString('en-US')} elements`, () => {
    expect(parsePage(url).querySelectorAll('*').length).toBeLessThanOrEqual(DOM_ELEMENT_BUDGET);
  });

  it('shows the same code as it runs and copies, with one span per run of a colour', () => {
    for (const block of parsePage(url).querySelectorAll('.sl-markdown-content .expressive-code')) {
      const lines = block.querySelectorAll('.ec-line .code');
      // An empty line holds a newline, so that it has a height.
      const shown = lines.map((l) => (l.text === '\n' ? '' : l.text));
      const copied = block.querySelector('.copy button')!.getAttribute('data-code')!.replaceAll('\u007f', '\n');
      // (The copy button's code has no empty lines.)
      expect(shown.filter(Boolean)).toEqual(copied.split('\n').filter(Boolean));
      // A runnable block runs what its copy button copies (snippet-element.ts reads it there), every line of it,
      // and the page does not ship the code a second time on the snippet.
      const snippet = block.querySelector('course-snippet');
      if (snippet) {
        expect(shown.join('\n')).toBe(copied);
        expect(snippet.hasAttribute('data-code')).toBe(false);
      }
      for (const line of lines) {
        const spans = line.childNodes.filter((n): n is HTMLElement => n instanceof Object && 'tagName' in n);
        expect(spans.filter((s) => s.text.trim() === '').map((s) => s.outerHTML)).toEqual([]);
        const styles = spans.map((s) => s.getAttribute('style'));
        expect(
          styles.filter((s, i) => i > 0 && s === styles[i - 1] && spans[i]!.previousSibling === spans[i - 1]),
        ).toEqual([]);
      }
    }
  });

  it('gives every code block and diagram the estimate that keeps its height while it is off screen', () => {
    const page = parsePage(url);
    for (const frame of page.querySelectorAll('.sl-markdown-content .expressive-code figure.frame')) {
      const lines = frame.querySelectorAll('.ec-line').length;
      expect(frame.getAttribute('style')).toMatch(new RegExp(`^--course-code-lines: ?${lines}$`));
    }
    for (const picture of page.querySelectorAll('figure[data-arch-view] > .arch-diagram__picture'))
      expect(picture.getAttribute('style')).toMatch(/^--course-diagram-ratio: \d+\.\d{4}$/);
  });
});
