import { describe, expect, it } from 'vitest';
import { progressSummary } from '~/components/client/progress';
import en from '~/content/i18n/en.json';
import ru from '~/content/i18n/ru.json';
import { fillWords, pluralKey, type WordValues } from '~/content/words';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (table: Record<string, string>) =>
  [...new Set(Object.keys(table).map((k) => k.replace(PLURAL, '')))].sort();
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const wordIn =
  (table: Record<string, string>, lang: string) =>
  (key: string, values: WordValues = {}) =>
    fillWords(table[pluralKey((k) => k in table, key, values, lang)] ?? key, values);

describe('the words tables', () => {
  it('have the same words in English and Russian, none empty', () => {
    expect(base(ru)).toEqual(base(en));
    for (const table of [en, ru]) expect(Object.entries(table).filter(([, text]) => !text.trim())).toEqual([]);
  });

  it('give every form of a word the same placeholders in both languages', () => {
    const all = { ...en, ...ru } as Record<string, string>;
    for (const key of base(en)) {
      const forms = Object.keys(all).filter((k) => k === key || k.replace(PLURAL, '') === key);
      const sets = new Set(forms.map((k) => placeholders(all[k]!).join()));
      expect(sets.size, key).toBe(1);
    }
  });

  it("give a counted Russian word every form Russian's plural rules pick", () => {
    const counted = Object.keys(en)
      .filter((k) => PLURAL.test(k))
      .map((k) => k.replace(PLURAL, ''));
    for (const key of new Set(counted))
      for (const form of ['one', 'few', 'many', 'other']) expect(Object.keys(ru), key).toContain(`${key}_${form}`);
  });
});

describe('wording', () => {
  it('fills placeholders and picks the plural form the language asks for', () => {
    const word = wordIn(ru, 'ru');
    expect(word('course.erase.done', { count: 1, networks: 'x' })).toMatch(/^Стёрто: 1 сохранённая запись/);
    expect(word('course.erase.done', { count: 3, networks: 'x' })).toMatch(/^Стёрто: 3 сохранённые записи/);
    expect(word('course.erase.done', { count: 5, networks: 'x' })).toMatch(/^Стёрто: 5 сохранённых записей/);
    expect(wordIn(en, 'en')('course.erase.done', { count: 1, networks: 'x' })).toMatch(/^Erased: 1 stored item \(/);
    expect(wordIn(en, 'en')('course.erase.done', { count: 2, networks: 'x' })).toMatch(/^Erased: 2 stored items \(/);
  });

  it('says the progress summary in English exactly as the page always has', () => {
    const progress = { visited: { 'cv-04': 1 }, answers: { 'cv-04/a': { choice: 0, correct: true } }, passed: {} };
    const keys = { quiz: ['cv-04/a', 'cv-04/b'], exercises: ['cv-04/e'], lessonCount: 9 };
    expect(progressSummary(progress, { ...keys, scope: 'course.progress.scopeLesson' }, wordIn(en, 'en'))).toBe(
      'Your progress: 1 of 2 questions answered here (1 correct) · 0 of 1 exercises passed · 1 of 9 lessons visited',
    );
    expect(progressSummary(progress, { ...keys, scope: 'course.progress.scopeLesson' }, wordIn(ru, 'ru'))).toBe(
      'Ваш прогресс: вопросы этого урока: отвечено 1 из 2 (верно: 1) · упражнения: решено 0 из 1 · посещено уроков: 1 из 9',
    );
  });
});
