/**
 * Words the worker sends instead of sentences: a key of the course's words tables (src/content/i18n/<lang>.json)
 * and the values that fill its `{{placeholders}}`, so the page says them in its own language. A value may itself be
 * words (a reason inside a message). A plain string in a `Text` is the reader's own (a label their code passed, an
 * error their code threw) and is shown as it is.
 */
export interface Words {
  key: string;
  values?: Readonly<Record<string, WordValue>>;
}
/**
 * A number the page formats in its own language ("28,640" in English, "28 640" in Russian): a count, MACs with
 * their unit, a plain number, or one to three significant digits. A plain `number` is shown as it is (a year).
 */
export interface Quantity {
  quantity: number;
  as: 'count' | 'macs' | 'plain' | 'precision3';
}
export type WordValue = string | number | Words | Quantity;
export type Text = string | Words;

export function words(key: string, values?: Readonly<Record<string, WordValue>>): Words {
  return values ? { key, values } : { key };
}

export function isWords(value: unknown): value is Words {
  return typeof value === 'object' && value !== null && typeof (value as Words).key === 'string';
}

export function quantity(n: number, as: Quantity['as'] = 'count'): Quantity {
  return { quantity: n, as };
}

export function isQuantity(value: unknown): value is Quantity {
  return typeof value === 'object' && value !== null && typeof (value as Quantity).quantity === 'number';
}
