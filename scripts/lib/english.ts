// The course's words (src/content/i18n/en.json) as an English page says them: for the CLIs' output and the tests
// that read a program's events in Node.
import { readFileSync } from 'node:fs';
import { wording } from '../../src/content/words.ts';

const table = JSON.parse(readFileSync(new URL('../../src/content/i18n/en.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;

export const { text: english } = wording(
  () => table,
  () => 'en',
);
