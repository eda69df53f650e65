import { getCollection, type CollectionEntry } from 'astro:content';
import { exercisesIn } from '~/content/exercises';
import type { Lesson } from '~/content/lesson-schema';
import { lessonsInLocale, localeOfDocPath, ROOT_LOCALE } from '~/content/locales';
import { TRACK_IDS } from '~/content/tracks';

/** A lesson page as components see it: frontmatter plus the href that respects the site's base path. */
export interface LessonPage {
  lesson: Lesson;
  title: string;
  description: string | undefined;
  href: string;
  /** Ids of the lesson's exercises, in page order. */
  exercises: string[];
  /** `root` (English) or the locale of a translation. */
  locale: string;
}

/** Joins the configured base path and a site-relative path, so links work under any base (e.g. /course/). */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return `${base}/${path.replace(/^\//, '')}`;
}

function toLessonPage(entry: CollectionEntry<'docs'>): LessonPage | [] {
  const { lesson, title, description } = entry.data;
  if (!lesson) return [];
  const exercises = exercisesIn(entry.body ?? '').map((e) => e.id);
  const locale = localeOfDocPath(entry.id);
  return { lesson, title, description, href: withBase(`${entry.id}/`), exercises, locale };
}

/**
 * Every lesson a reader of `locale` sees (its translation where there is one, else the English lesson: one entry
 * per lesson), sorted by track (course order) then by order within the track. Components pass the page's
 * `Astro.locals.starlightRoute.locale`, which is undefined for the root locale.
 */
export async function getLessons(locale: string | undefined = ROOT_LOCALE): Promise<LessonPage[]> {
  const trackRank: readonly string[] = TRACK_IDS;
  return lessonsInLocale((await getCollection('docs')).flatMap(toLessonPage), locale ?? ROOT_LOCALE).sort(
    (a, b) => trackRank.indexOf(a.lesson.track) - trackRank.indexOf(b.lesson.track) || a.lesson.order - b.lesson.order,
  );
}

/** Looks up lessons by id; the build's lesson-graph check guarantees every referenced id exists. */
export async function getLessonIndex(locale?: string): Promise<Map<string, LessonPage>> {
  return new Map((await getLessons(locale)).map((l) => [l.lesson.id, l]));
}

/** The lesson block of the page being rendered, or a clear error when a lesson component is used elsewhere. */
export function currentLesson(locals: App.Locals, component: string): Lesson {
  const lesson = locals.starlightRoute.entry.data.lesson;
  if (!lesson)
    throw new Error(
      `<${component} /> is used on "${locals.starlightRoute.entry.id}", which has no \`lesson\` frontmatter`, // not reader text
    );
  return lesson;
}
