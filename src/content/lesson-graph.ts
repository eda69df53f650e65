import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { LessonSchema, type Lesson } from './lesson-schema.ts';
import { exercisesIn } from './exercises.ts';
import { lessonReferences } from './lesson-refs.ts';
import { LOCALE_KEYS, lessonsInLocale, localeOfDocPath, ROOT_LOCALE } from './locales.ts';

/** A lesson as read from disk: its frontmatter and where it came from (for error messages). */
export interface LessonFile {
  file: string;
  /** File name without extension; must equal `lesson.id`. */
  slug: string;
  /** `root` (English) or the locale folder a translation lives in (src/content/locales.ts). */
  locale: string;
  /** The path under the docs folder without the locale folder: a translation's is its original's. */
  path: string;
  title: string;
  lesson: Lesson;
  body: string;
}

export const DOCS_DIR = 'src/content/docs';
const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

function listMdx(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listMdx(join(dir, d.name)) : /\.mdx?$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

/** One locale's lessons (English unless asked): each root lesson, or its translation where there is one. */
export function readLessons(root = process.cwd(), docsDir = DOCS_DIR, locale = ROOT_LOCALE): LessonFile[] {
  return lessonsInLocale(readLessonFiles(root, docsDir), locale);
}

/**
 * Reads every page under `docsDir` that has a `lesson` block, in every locale. Throws one error naming
 * every file and field that does not fit the schema.
 */
export function readLessonFiles(root = process.cwd(), docsDir = DOCS_DIR, locales = LOCALE_KEYS): LessonFile[] {
  const errors: string[] = [];
  const lessons: LessonFile[] = [];
  for (const path of listMdx(join(root, docsDir))) {
    const file = relative(root, path);
    const match = FRONTMATTER.exec(readFileSync(path, 'utf8'));
    if (!match) continue;
    const data = (parseYaml(match[1] ?? '') ?? {}) as Record<string, unknown>;
    if (data.lesson === undefined) continue;
    const parsed = LessonSchema.safeParse(data.lesson);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(`${file}: lesson.${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    const slug = path.replace(/^.*[\\/]/, '').replace(/\.mdx?$/, '');
    const underDocs = relative(join(root, docsDir), path).replace(/\\/g, '/');
    const locale = localeOfDocPath(underDocs, locales);
    const localPath = locale === ROOT_LOCALE ? underDocs : underDocs.slice(locale.length + 1);
    const [title, body] = [String(data.title ?? ''), match[2] ?? ''];
    lessons.push({ file, slug, locale, path: localPath, title, lesson: parsed.data, body });
  }
  if (errors.length) throw new Error(`Invalid lesson frontmatter:\n  ${errors.join('\n  ')}`);
  return lessons;
}

/** Cross-file checks the schema cannot make: ids match file names, are unique, and every reference resolves. */
export function checkLessonGraph(lessons: LessonFile[]): string[] {
  const errors: string[] = [];
  const byId = new Map<string, LessonFile>();
  const seen = new Map<string, LessonFile>(); // locale/id -> file
  const originals = new Set(lessons.filter((l) => l.locale === ROOT_LOCALE).map((l) => l.path));
  for (const l of lessons) {
    if (l.slug !== l.lesson.id)
      errors.push(`${l.file}: lesson.id: "${l.lesson.id}" must equal the file name "${l.slug}"`);
    const twin = seen.get(`${l.locale}/${l.lesson.id}`);
    if (twin) errors.push(`${l.file}: lesson.id: "${l.lesson.id}" is already used by ${twin.file}`);
    seen.set(`${l.locale}/${l.lesson.id}`, l);
    if (l.locale === ROOT_LOCALE) byId.set(l.lesson.id, l);
    else if (!originals.has(l.path))
      errors.push(`${l.file}: a translation needs its English lesson at ${DOCS_DIR}/${l.path}, the same path`);
    const dir = l.file.split(/[\\/]/).at(-2);
    if (dir !== l.lesson.track)
      errors.push(`${l.file}: lesson.track: "${l.lesson.track}" lessons live in ${DOCS_DIR}/${l.lesson.track}/`);
  }
  for (const l of lessons) {
    for (const ref of lessonReferences(l.lesson)) {
      if (ref.id === l.lesson.id) errors.push(`${l.file}: lesson.${ref.field}: a lesson cannot link to itself`);
      else if (!byId.has(ref.id))
        errors.push(
          `${l.file}: lesson.${ref.field}: "${ref.id}" is not a lesson (known: ${[...byId.keys()].sort().join(', ')})`,
        );
    }
    for (const q of l.lesson.quiz)
      if (!l.body.includes(`<Quiz id="${q.id}"`))
        errors.push(`${l.file}: lesson.quiz: "${q.id}" is never placed with <Quiz id="${q.id}" />`);
    for (const m of l.body.matchAll(/<Quiz id="([^"]+)"/g))
      if (!l.lesson.quiz.some((q) => q.id === m[1]))
        errors.push(`${l.file}: <Quiz id="${m[1]}" />: no quiz with that id in lesson.quiz`);
    errors.push(...authoringMinimums(l));
  }
  return errors;
}

/** What every lesson has, as docs-notes/AUTHORING.md asks: check questions, an exercise, a lesson to go on to. */
export const AUTHORING_MINIMUMS = { quiz: 2, exercises: 1, relatedLessons: 1 } as const;

function authoringMinimums(l: LessonFile): string[] {
  const { quiz, exercises, relatedLessons } = AUTHORING_MINIMUMS;
  const errors: string[] = [];
  if (l.lesson.quiz.length < quiz)
    errors.push(
      `${l.file}: lesson.quiz: a lesson asks at least ${quiz} check questions; it has ${l.lesson.quiz.length}`,
    );
  if (l.lesson.relatedLessons.length < relatedLessons)
    errors.push(`${l.file}: lesson.relatedLessons: a lesson links to at least ${relatedLessons} related lesson`);
  const count = exercisesIn(l.body).length;
  if (count < exercises)
    errors.push(
      `${l.file}: a lesson has at least ${exercises} exercise (a \`\`\`ts exercise id="…" title="…" fence); it has ${count}`,
    );
  return errors;
}
