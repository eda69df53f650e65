/**
 * The course's words at build time, for code that escapes what it draws itself (SVG, HTML strings) or hands words
 * to Astro, which escapes them: Astro's `t` without i18next's own escaping, which would escape them twice.
 */
import type { Say } from '~/content/words';

export function buildWords(locals: App.Locals): Say {
  return (key, values = {}) =>
    locals.t(key as keyof StarlightApp.CourseWords, { ...values, interpolation: { escapeValue: false } });
}
