/**
 * The site's title and sidebar, worded from the words tables like everything else a reader sees: each label is the
 * English word with a translation from every other table (Starlight's `translations`, keyed by language).
 */
import { TRACK_IDS } from './tracks.ts';

const tables = import.meta.glob<Record<string, string>>('./i18n/*.json', { eager: true, import: 'default' });
const english = tables['./i18n/en.json']!;
const others = Object.entries(tables)
  .map(([path, table]) => [path.replace(/^.*\/|\.json$/g, ''), table] as const)
  .filter(([lang]) => lang !== 'en');

/** Every language's wording of `key`: the English one, and the others by language. */
export function allLanguages(key: string): { label: string; translations: Record<string, string> } {
  const label = english[key];
  if (label === undefined) throw new Error(`no word ${key} in en.json`); // not reader text
  return { label, translations: Object.fromEntries(others.flatMap(([lang, t]) => (t[key] ? [[lang, t[key]]] : []))) };
}

const title = allLanguages('course.site.title');
export const SITE_TITLE: Record<string, string> = { en: title.label, ...title.translations };
export const SITE_DESCRIPTION = allLanguages('course.site.description').label;

export const SIDEBAR = [
  {
    ...allLanguages('course.sidebar.start'),
    items: [
      { ...allLanguages('course.sidebar.welcome'), link: '/' },
      { ...allLanguages('course.sidebar.map'), link: '/map/' },
      { ...allLanguages('course.sidebar.device'), link: '/device/' },
    ],
  },
  ...TRACK_IDS.map((directory) => ({
    ...allLanguages(`course.track.${directory}`),
    items: [{ autogenerate: { directory } }],
  })),
];
