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
export type WordValue = string | number | Words;
export type Text = string | Words;

export function words(key: string, values?: Readonly<Record<string, WordValue>>): Words {
  return values ? { key, values } : { key };
}

export function isWords(value: unknown): value is Words {
  return typeof value === 'object' && value !== null && typeof (value as Words).key === 'string';
}
