// The course's words (src/content/i18n/en.json) are keys of Starlight's `Astro.locals.t`, so a misspelt key is a
// type error in a component (Starlight's interface merging for extended dictionaries).
declare namespace StarlightApp {
  type CourseWords = typeof import('./content/i18n/en.json');
  interface I18n extends CourseWords {}
}
