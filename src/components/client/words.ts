/**
 * The words islands show, in the page's language: read from the one block the page carries
 * (`<script type="application/json" id="course-words">`, PageWords.astro), so no island holds a sentence of its own.
 */
import { fillWords, pluralKey, type WordValues } from '~/content/words';

let dictionary: Record<string, string> | null = null;

function words(): Record<string, string> {
  dictionary ??= JSON.parse(document.getElementById('course-words')?.textContent ?? '{}') as Record<string, string>;
  return dictionary;
}

/** The page's wording of `key`, with `values` filled in; the key itself if the page has no such word. */
export function word(key: string, values: WordValues = {}): string {
  const all = words();
  const found = pluralKey((k) => k in all, key, values, document.documentElement.lang || 'en');
  return fillWords(all[found] ?? key, values);
}
