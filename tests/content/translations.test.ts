// Every page readers see has its Russian translation, and each keeps its original's structure (the build makes the
// same check; this one names every page that is missing).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS_DIR } from '~/content/lesson-graph';
import { checkTranslations, translatedPages } from '~/content/translations';

/** The English pages under the docs folder, without the translations and the test-only pages. */
const englishPages = readdirSync(DOCS_DIR, { recursive: true, encoding: 'utf8' })
  .map((p) => p.replace(/\\/g, '/'))
  .filter((p) => /\.mdx?$/.test(p) && !/^(ru|test)\//.test(p));

describe('the Russian translation', () => {
  it.each(englishPages)('has a translation of %s', (path) => {
    expect(existsSync(join(DOCS_DIR, 'ru', path)), `translate ${DOCS_DIR}/${path} to ${DOCS_DIR}/ru/${path}`).toBe(
      true,
    );
  });

  it('keeps each original’s quizzes, fences, components, headings and links', () => {
    expect(translatedPages().length).toBeGreaterThan(0);
    expect(checkTranslations()).toEqual([]);
  });
});
