import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLessonGraph, DOCS_DIR, readLessonFiles, readLessons } from '~/content/lesson-graph';
import { lessonsInLocale, localeOfDocPath } from '~/content/locales';
import { LessonSchema } from '~/content/lesson-schema';
import { TRACK_IDS } from '~/content/tracks';
import { lessonGraph } from '~/integrations/lesson-graph';

const lessons = readLessons();
const ids = lessons.map((l) => l.lesson.id);

/** Every lesson id the seed of cv-04 names (its prerequisites and related lessons), read from the seed itself. */
const SEED = readFileSync(new URL('./fixtures/seed-cv-04.txt', import.meta.url), 'utf8');
const SEED_LINKS = [
  ...new Set(SEED.match(new RegExp(String.raw`\b(?:${TRACK_IDS.join('|')})-\d{2}(?:-[a-z0-9]+)*\b`, 'g'))),
];

describe('the lesson collection', () => {
  it('holds cv-04 and every lesson its seed links to', () => {
    expect(SEED_LINKS.length, 'the seed names lessons').toBeGreaterThan(0);
    expect(['cv-04', ...SEED_LINKS].filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('has ids that match file names and links that all resolve', () => {
    expect(checkLessonGraph(lessons)).toEqual([]);
  });

  it.each(lessons.map((l) => [l.lesson.id, l] as const))('%s has a title', (_id, l) => {
    expect(l.title.length).toBeGreaterThan(5);
  });
});

describe('every quiz', () => {
  const quizzes = lessons.flatMap((l) => l.lesson.quiz.map((q) => [`${l.lesson.id}/${q.id}`, q] as const));

  // How many questions, options and explanations a lesson needs is the build's to say (the schema and the
  // lesson graph); the seed's own four questions are cv-04's.
  it("in cv-04 are the seed's four", () => {
    expect(quizzes.filter(([key]) => key.startsWith('cv-04/'))).toHaveLength(4);
  });
});

const validLesson = {
  id: 'cv-04',
  track: 'cv',
  order: 4,
  quiz: [
    {
      id: 'q',
      question: 'Which one is right?',
      options: [
        { text: 'a', correct: true, explanation: 'Because it is right.' },
        { text: 'b', explanation: 'Because it is wrong.' },
        { text: 'c', explanation: 'Because it is wrong.' },
      ],
    },
  ],
};

describe('the lesson schema rejects', () => {
  const issues = (value: unknown) =>
    (LessonSchema.safeParse(value).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

  it('accepts a valid lesson (so the rejections below are meaningful)', () => {
    expect(issues(validLesson)).toEqual([]);
  });
  it('a quiz whose options repeat one text', () => {
    const options = validLesson.quiz[0]!.options.map((o, i) => (i === 2 ? { ...o, text: 'b' } : o));
    expect(issues({ ...validLesson, quiz: [{ ...validLesson.quiz[0]!, options }] })).toContain(
      'quiz.0.options: a quiz has no two options with the same text',
    );
  });
  it('a quiz with two correct options', () => {
    const quiz = [
      { ...validLesson.quiz[0]!, options: validLesson.quiz[0]!.options.map((o) => ({ ...o, correct: true })) },
    ];
    expect(issues({ ...validLesson, quiz })).toContain('quiz.0.options: a quiz has exactly one correct option');
  });
  it('an option without an explanation', () => {
    const options = [...validLesson.quiz[0]!.options.slice(1), { text: 'd', correct: true }];
    expect(issues({ ...validLesson, quiz: [{ ...validLesson.quiz[0]!, options }] })[0]).toMatch(
      /^quiz\.0\.options\.2\.explanation/,
    );
  });
  it('an unknown track, an id from another track, and a misspelt field', () => {
    expect(issues({ ...validLesson, track: 'bio' })[0]).toMatch(/^track/);
    expect(issues({ ...validLesson, id: 'dl-04' })).toContain(
      'id: the lesson id must start with its track (e.g. track "cv" -> id "cv-04")',
    );
    expect(issues({ ...validLesson, prerequisite: [] })[0]).toMatch(/prerequisite/);
  });
});

/** A throwaway project root holding `files` (paths relative to it), for the build's checks to read. */
function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'lessons-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the build', () => {
  const runHook = (root: string) => () =>
    (lessonGraph({ root }).hooks['astro:config:setup'] as (o: unknown) => void)({ logger: { info() {} } });

  it('fails on a link to a lesson that does not exist, naming the file and the field', () => {
    const root = fixture({
      'src/content/docs/cv/cv-04.mdx':
        '---\ntitle: T\nlesson:\n  id: cv-04\n  track: cv\n  order: 4\n  relatedLessons:\n    - id: cv-99\n      why: "A lesson that was never written."\n---\n',
    });
    expect(runHook(root)).toThrow('src/content/docs/cv/cv-04.mdx: lesson.relatedLessons.0.id: "cv-99" is not a lesson');
  });

  it('fails on a bad field, naming the file and the field', () => {
    const root = fixture({
      'src/content/docs/dl/dl-01.mdx': '---\ntitle: T\nlesson:\n  id: dl-01\n  track: dl\n  order: first\n---\n',
    });
    expect(runHook(root)).toThrow(/src\/content\/docs\/dl\/dl-01\.mdx: lesson\.order: /);
  });

  it('fails on a lesson under the authoring minimums: questions, an exercise, a related lesson', () => {
    const root = fixture({
      'src/content/docs/cv/cv-04.mdx': '---\ntitle: T\nlesson:\n  id: cv-04\n  track: cv\n  order: 4\n---\nText.\n',
    });
    const file = 'src/content/docs/cv/cv-04.mdx';
    expect(runHook(root)).toThrow(`${file}: lesson.quiz: a lesson asks at least 2 check questions; it has 0`);
    expect(runHook(root)).toThrow(`${file}: lesson.relatedLessons: a lesson links to at least 1 related lesson`);
    expect(runHook(root)).toThrow(`${file}: a lesson has at least 1 exercise`);
  });

  it('fails when a lesson id does not match its file name', () => {
    const root = fixture({
      'src/content/docs/cv/cv-05.mdx': '---\ntitle: T\nlesson:\n  id: cv-06\n  track: cv\n  order: 6\n---\n',
    });
    expect(runHook(root)).toThrow('lesson.id: "cv-06" must equal the file name "cv-05"');
  });
});

describe('lessons in more than one language', () => {
  const LOCALES = ['root', 'ru'];
  const lesson = (id: string, related: string, title = 'T') =>
    `---\ntitle: ${title}\nlesson:\n  id: ${id}\n  track: cv\n  order: ${id.slice(3)}\n  relatedLessons:\n    - { id: ${related}, why: "The other lesson of the two." }\n  quiz:\n${[
      'a',
      'b',
    ]
      .map(
        (q) =>
          `    - id: ${q}\n      question: "Which one is right?"\n      options:\n        - { text: "x", correct: true, explanation: "Because it is." }\n        - { text: "y", explanation: "Because it is not." }\n        - { text: "z", explanation: "Because it is not." }\n`,
      )
      .join(
        '',
      )}---\n<Quiz id="a" />\n<Quiz id="b" />\n\n\`\`\`ts exercise id="e" title="E"\nconst x = 1;\n//! check\ncheck.equal(x, 1, 'x');\n//! solution\nconst x = 1;\n\`\`\`\n`;
  const both = fixture({
    'src/content/docs/cv/cv-03.mdx': lesson('cv-03', 'cv-04'),
    'src/content/docs/cv/cv-04.mdx': lesson('cv-04', 'cv-03'),
    'src/content/docs/ru/cv/cv-04.mdx': lesson('cv-04', 'cv-03', 'Архитектуры CNN'),
  });

  it('checks a translation beside its original: the same id is no clash, and links resolve', () => {
    expect(checkLessonGraph(readLessonFiles(both, DOCS_DIR, LOCALES))).toEqual([]);
  });

  it('counts one lesson per id in each language: a reader of Russian sees the translation, else the English one', () => {
    const en = lessonsInLocale(readLessonFiles(both, DOCS_DIR, LOCALES), 'root');
    const ru = lessonsInLocale(readLessonFiles(both, DOCS_DIR, LOCALES), 'ru');
    expect(en.map((l) => [l.lesson.id, l.title])).toEqual([
      ['cv-03', 'T'],
      ['cv-04', 'T'],
    ]);
    expect(ru.map((l) => [l.lesson.id, l.title])).toEqual([
      ['cv-03', 'T'],
      ['cv-04', 'Архитектуры CNN'],
    ]);
  });

  it('fails on a translation with no English lesson at the same path', () => {
    const orphan = fixture({
      'src/content/docs/cv/cv-03.mdx': lesson('cv-03', 'cv-04'),
      'src/content/docs/cv/cv-04.mdx': lesson('cv-04', 'cv-03'),
      'src/content/docs/ru/cv/cv-05.mdx': lesson('cv-05', 'cv-03'),
    });
    expect(checkLessonGraph(readLessonFiles(orphan, DOCS_DIR, LOCALES))).toEqual([
      'src/content/docs/ru/cv/cv-05.mdx: a translation needs its English lesson at src/content/docs/cv/cv-05.mdx, the same path',
    ]);
  });

  it('finds the locale from the folder, and treats a folder that is no locale as English', () => {
    expect(localeOfDocPath('ru/cv/cv-04.mdx', LOCALES)).toBe('ru');
    expect(localeOfDocPath('cv/cv-04.mdx', LOCALES)).toBe('root');
    expect(localeOfDocPath('ru/cv/cv-04.mdx', ['root'])).toBe('root');
  });
});
