/** Words the worker sends, worded as an English page words them: for tests that read a program's events in Node. */
import en from '~/content/i18n/en.json';
import { fillWords, pluralKey } from '~/content/words';
import { isWords, type Text } from '~/runtime/protocol';

const table: Record<string, string> = en;

export function english(value: Text): string {
  if (typeof value === 'string') return value;
  const key = pluralKey((k) => k in table, value.key, value.values ?? {}, 'en');
  return fillWords(table[key] ?? value.key, value.values, (v) => (isWords(v) ? english(v) : String(v)));
}
