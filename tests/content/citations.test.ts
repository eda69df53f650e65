import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLessons } from '~/content/lesson-graph';
import { PAPERS } from '~/runtime/models/papers';

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
  const references = at < 0 ? '' : source.slice(at);
  const entries = references.split('\n').filter((line) => /^\d+\. /.test(line));
  return { id: l.lesson.id, text: source.slice(0, at), references, entries };
});

/** "Surname year" of a reference entry: its first author's surname and the year it gives. */
function authorYear(entry: string): string {
  const match = REFERENCE.exec(entry);
  if (!match) return 'unparsed'; // the year check lists such entries
  const [, authors, year] = match;
  return `${authors!.trim().split(' ').at(-1)} ${year}`;
}

/** The zoo's papers (src/runtime/models/papers.ts) that a reference entry names by arXiv id, or by title. */
const papersIn = (entry: string) =>
  Object.values(PAPERS).filter(
    (p) =>
      (p.arxiv !== null && entry.includes(`arXiv:${p.arxiv}`)) || entry.toLowerCase().includes(p.title.toLowerCase()),
  );

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
      const unparsed = l.entries.filter((line) => !REFERENCE.test(line));
      expect(unparsed).toEqual([]);
      const known = new Set(l.entries.map(authorYear));
      const cited = [...l.text.matchAll(CITATION)].map((m) => `${m[1] ?? m[3]} ${m[2] ?? m[4]}`);
      expect(cited.length).toBeGreaterThan(0);
      expect([...new Set(cited)].filter((c) => !known.has(c))).toEqual([]);
    },
  );

  it.each(lessons.map((l) => [l.id, l] as const))(
    "%s gives the zoo's papers the first author and year of the table of papers",
    (_id, l) => {
      const wrong = l.entries.flatMap((entry) =>
        papersIn(entry)
          .map((p) => `${p.authors[0]} ${p.year}`)
          .filter((expected) => authorYear(entry) !== expected)
          .map((expected) => `${entry.slice(0, 80)}... should be ${expected}`),
      );
      expect(wrong).toEqual([]);
    },
  );

  // The zoo builds what the lessons teach, so each paper is in some reference list: the check above has entries to match.
  it("finds every paper of the zoo's table in some lesson's references", () => {
    const cited = new Set(lessons.flatMap((l) => l.entries.flatMap(papersIn)));
    expect(Object.values(PAPERS).filter((p) => !cited.has(p))).toEqual([]);
  });
});
