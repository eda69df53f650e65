/**
 * The course's words at build time, for code that escapes what it draws itself (SVG, HTML strings) or hands words
 * to Astro, which escapes them: Astro's `t` without i18next's own escaping, which would escape them twice.
 */
import { formatQuantity, type Say } from '~/content/words';
import { isQuantity, isWords, type Text } from '~/runtime/protocol';

/**
 * Quantities (protocol/words.ts) are formatted in the page's language and words inside words are worded, as the
 * browser's `word` does.
 */
export function buildWords(locals: App.Locals): Say {
  const lang = locals.starlightRoute.lang;
  const say: Say = (key, values = {}) => {
    const formatted = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [
        k,
        isQuantity(v) ? formatQuantity(v, lang) : isWords(v) ? say(v.key, v.values) : v,
      ]),
    );
    // i18next picks plural forms from a number: a quantity's count is its number.
    if (isQuantity(values.count)) formatted.count = values.count.quantity;
    return locals.t(key as keyof StarlightApp.CourseWords, { ...formatted, interpolation: { escapeValue: false } });
  };
  return say;
}

/** Words from the zoo or the worker (a `Text`) in the page's language at build time; a plain string as it is. */
export function buildText(locals: App.Locals): (value: Text) => string {
  const say = buildWords(locals);
  return (value) => (typeof value === 'string' ? value : say(value.key, value.values));
}
