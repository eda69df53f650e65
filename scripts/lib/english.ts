// The trainer's words (src/content/i18n/en.json) as the English page says them, for the CLIs' own output.
import { readFileSync } from 'node:fs';
import { fillWords, pluralKey } from '../../src/content/words.ts';
import { isWords, type Text } from '../../src/runtime/protocol/words.ts';

const table = JSON.parse(readFileSync(new URL('../../src/content/i18n/en.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;

export function english(value: Text): string {
  if (typeof value === 'string') return value;
  const key = pluralKey((k) => k in table, value.key, value.values ?? {}, 'en');
  return fillWords(table[key] ?? value.key, value.values, (v) => (isWords(v) ? english(v) : String(v)));
}
