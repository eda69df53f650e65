/**
 * The course's languages, in Starlight's form (astro.config.mjs passes this table to Starlight's `locales`, so
 * there is one list). English is the root locale: its pages live at the top of src/content/docs/ and keep their
 * URLs; a translation of a lesson lives under src/content/docs/<locale>/ at the same path and has the same lesson
 * id, so progress, edits and saved networks stay one reader's, whichever language they read in.
 */
export const LOCALES = {
  root: { label: 'English', lang: 'en' },
  ru: { label: 'Русский', lang: 'ru' },
} as const satisfies Record<string, { readonly label: string; readonly lang: string }>;

export const ROOT_LOCALE = 'root';
export const LOCALE_KEYS: readonly string[] = Object.keys(LOCALES);

/** The locale of a page from its path under the docs folder (`ru/cv/cv-04.mdx` -> `ru`, `cv/cv-04.mdx` -> root). */
export function localeOfDocPath(path: string, locales: readonly string[] = LOCALE_KEYS): string {
  const first = path.replace(/\\/g, '/').replace(/^\/+/, '').split('/')[0] ?? '';
  return first !== ROOT_LOCALE && locales.includes(first) ? first : ROOT_LOCALE;
}

/**
 * The lessons a reader of `locale` sees: every root lesson, each replaced by its translation where there is one
 * (an untranslated lesson falls back to English, as Starlight shows it). One entry per lesson id, so counts,
 * maps and progress do not double when a lesson is translated.
 */
export function lessonsInLocale<T extends { readonly locale: string; readonly lesson: { readonly id: string } }>(
  all: readonly T[],
  locale: string = ROOT_LOCALE,
): T[] {
  const translated = new Map(all.filter((l) => l.locale === locale).map((l) => [l.lesson.id, l]));
  return all.filter((l) => l.locale === ROOT_LOCALE).map((l) => translated.get(l.lesson.id) ?? l);
}
