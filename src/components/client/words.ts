/**
 * The words islands show, in the page's language: read from the one block the page carries
 * (`<script type="application/json" id="course-words">`, PageWords.astro), so no island holds a sentence of its own.
 * Words the worker sent (runtime/protocol/words.ts) are worded here too, nested ones included.
 */
import { fillWords, pluralKey, type WordValues } from '~/content/words';
// The words module alone, not the protocol's index: this runs on every page, before the reader does anything.
import { isWords, type Text } from '~/runtime/protocol/words';

let dictionary: Record<string, string> | null = null;

function words(): Record<string, string> {
  dictionary ??= JSON.parse(document.getElementById('course-words')?.textContent ?? '{}') as Record<string, string>;
  return dictionary;
}

/** The page's language, for numbers and plural forms. */
export function pageLang(): string {
  return document.documentElement.lang || 'en';
}

/** The page's wording of `key`, with `values` filled in; the key itself if the page has no such word. */
export function word(key: string, values: WordValues = {}): string {
  const all = words();
  const found = pluralKey((k) => k in all, key, values, pageLang());
  return fillWords(all[found] ?? key, values, (value) => (isWords(value) ? text(value) : String(value)));
}

/** Text from the worker: words worded in the page's language, the reader's own strings as they are. */
export function text(value: Text): string {
  return typeof value === 'string' ? value : word(value.key, value.values);
}
