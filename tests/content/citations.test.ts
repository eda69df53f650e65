import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLessons } from '~/content/lesson-graph';

/**
 * One citation convention for the course (stated by <CitationNote />): an in-text citation's year is the reference's
 * year. Citations read "(Name, 1980)", "(Name et al., 2015)", "Name and Other (2014)", "Name, Other & Third, 1986".
 */
const NAME = String.raw`[A-Z][A-Za-zÀ-ÿ'\-]+`;
const CITATION = new RegExp(
  String.raw`(?:(?<=\()|(?<=; ))(${NAME})(?:, | \()((?:19|20)\d\d)\b|(${NAME})(?:(?:, ${NAME})*,? (?:&|and) ${NAME}| et al\.)(?:'s)?(?:, | \()((?:19|20)\d\d)\b`,
  'g',
);
/** A reference entry: "12. Surname, I., ... (2014). Title ..." gives its first author's surname and year. */
const REFERENCE = /^\d+\. ([^,(]+?),.*?\((\d{4})\)/;

const lessons = readLessons().map((l) => {
  const source = readFileSync(l.file, 'utf8');
  const at = source.indexOf('\n## References\n');
  return { id: l.lesson.id, text: source.slice(0, at), references: at < 0 ? '' : source.slice(at) };
});

describe('citations', () => {
  it.each(lessons.map((l) => [l.id, l] as const))(
    '%s states the convention at the head of its references',
    (_id, l) => {
      expect(l.references).toMatch(/^\n## References\n\n<CitationNote \/>\n/);
    },
  );

  it.each(lessons.map((l) => [l.id, l] as const))(
    '%s cites every paper with the year its reference list gives',
    (_id, l) => {
      const entries = l.references.split('\n').filter((line) => /^\d+\. /.test(line));
      const unparsed = entries.filter((line) => !REFERENCE.test(line));
      expect(unparsed).toEqual([]);
      const known = new Set(
        entries.map((line) => {
          const [, authors, year] = REFERENCE.exec(line)!;
          return `${authors!.trim().split(' ').at(-1)} ${year}`;
        }),
      );
      const cited = [...l.text.matchAll(CITATION)].map((m) => `${m[1] ?? m[3]} ${m[2] ?? m[4]}`);
      expect(cited.length).toBeGreaterThan(0);
      expect([...new Set(cited)].filter((c) => !known.has(c))).toEqual([]);
    },
  );
});
