/**
 * The words islands show, in the page's language: read from the one block the page carries
 * (`<script type="application/json" id="course-words">`, PageWords.astro), so no island holds a sentence of its own.
 * Words the worker sent (runtime/protocol/words.ts) are worded here too, nested ones included.
 */
import { wording } from '~/content/words';

let dictionary: Record<string, string> | null = null;

function words(): Record<string, string> {
  dictionary ??= JSON.parse(document.getElementById('course-words')?.textContent ?? '{}') as Record<string, string>;
  return dictionary;
}

/** The page's language, for numbers and plural forms. */
export function pageLang(): string {
  return document.documentElement.lang || 'en';
}

/**
 * `word(key, values)`: the page's wording of `key` (the key itself if the page has no such word); `text(value)`:
 * words from the worker in the page's language, the reader's own strings as they are.
 */
export const { word, text } = wording(words, pageLang);
