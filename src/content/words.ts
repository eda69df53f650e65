/**
 * The course's words live in one table per language, src/content/i18n/<lang>.json, in the form Starlight's
 * dictionaries take (its `Astro.locals.t` reads them in components). These two helpers word them the same way in
 * the browser (components/client/words.ts): `{{name}}` placeholders, and i18next's plural keys (`key_one`,
 * `key_few`, `key_many`, `key_other`, as the language's plural rules pick for `count`).
 */
import { formatCount, formatMacs } from '../runtime/protocol/summary.ts';
import { isQuantity, isWords, type Quantity, type Text } from '../runtime/protocol/words.ts';

export type WordValues = Readonly<Record<string, unknown>>;

/**
 * `template` with its placeholders filled: strings and numbers as they are, anything else (words the worker sent
 * inside words, runtime/protocol/words.ts) by `nested`.
 */
export function fillWords(
  template: string,
  values: WordValues = {},
  nested: (value: unknown) => string = String,
): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    return value === undefined || value === null ? '' : typeof value === 'object' ? nested(value) : String(value);
  });
}

/** The key to look up: its plural form for `values.count` where the dictionary has one, else `key` itself. */
export function pluralKey(has: (key: string) => boolean, key: string, values: WordValues, lang: string): string {
  const count = isQuantity(values.count) ? values.count.quantity : values.count;
  if (typeof count !== 'number') return key;
  const form = `${key}_${new Intl.PluralRules(lang).select(count)}`;
  return has(form) ? form : has(`${key}_other`) ? `${key}_other` : key;
}

/** A number the worker sent for the page to format, in `lang`. */
export function formatQuantity({ quantity: n, as }: Quantity, lang: string): string {
  const decimal = (s: string) => (new Intl.NumberFormat(lang).format(1.5).includes(',') ? s.replace('.', ',') : s);
  if (as === 'count') return formatCount(n, lang);
  if (as === 'macs') return formatMacs(n, lang);
  return decimal(as === 'precision3' ? n.toPrecision(3) : String(n));
}

/** Words a key with values in one language: what every wording function here and in components looks like. */
export type Say = (key: string, values?: WordValues) => string;

/**
 * `word` and `text` over one table: the browser's (the page's block), the CLIs' and the tests' (the English table).
 * Words inside words are worded too; a plain string in a `Text` is the reader's own and stays as it is.
 */
export function wording(table: () => Readonly<Record<string, string>>, lang: () => string) {
  const word: Say = (key, values = {}) => {
    const all = table();
    const found = pluralKey((k) => k in all, key, values, lang());
    return fillWords(all[found] ?? key, values, (value) =>
      isWords(value) ? text(value) : isQuantity(value) ? formatQuantity(value, lang()) : String(value),
    );
  };
  const text = (value: Text): string => (typeof value === 'string' ? value : word(value.key, value.values));
  return { word, text };
}
