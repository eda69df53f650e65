import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { DOCS_DIR } from './lesson-graph.ts';
import { LOCALE_KEYS, ROOT_LOCALE } from './locales.ts';
import { compareTranslation, headingSlugs, structureOf } from './translation-structure.ts';

/** A translated page and the original it must follow, as paths under the docs folder. */
export interface TranslatedPage {
  readonly locale: string;
  /** `ru/cv/cv-04.mdx` */
  readonly file: string;
  /** `cv/cv-04.mdx` */
  readonly original: string;
}

function listPages(dir: string, under = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? listPages(join(dir, d.name), posix.join(under, d.name))
      : /\.mdx?$/.test(d.name)
        ? [posix.join(under, d.name)]
        : [],
  );
}

/** Every page under a locale folder, with its original's path. */
export function translatedPages(root = process.cwd(), locales: readonly string[] = LOCALE_KEYS): TranslatedPage[] {
  return locales
    .filter((l) => l !== ROOT_LOCALE)
    .flatMap((locale) =>
      listPages(join(root, DOCS_DIR, locale)).map((path) => ({
        locale,
        file: posix.join(locale, path),
        original: path,
      })),
    );
}

const read = (root: string, path: string) => readFileSync(join(root, DOCS_DIR, path), 'utf8');

/** The docs path a link from `fromPage` (a path under the docs folder) points at, or undefined if not a page. */
export function linkedPage(fromPage: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // another site
  const url = '/' + fromPage.replace(/(^|\/)index\.mdx?$/, '$1').replace(/\.mdx?$/, '/');
  const resolved = new URL(target || url, `https://course.invalid${url}`).pathname;
  const path = resolved.replace(/^\/+|\/+$/g, '');
  return path === '' ? 'index.mdx' : `${path}.mdx`;
}

const ANCHORED = /\]\(([^)#\s]*)#([^)\s]+)\)/g;

/**
 * Links with an anchor in a translation, each with the heading slug it should name: the heading at the same
 * position in the translated target (or the English one where the target is not translated yet).
 */
function anchorFixes(root: string, page: TranslatedPage, source: string) {
  const fixes: Array<{ from: string; to: string | undefined; link: string }> = [];
  for (const m of source.matchAll(ANCHORED)) {
    const [link, target = '', anchor = ''] = m;
    const englishTarget = linkedPage(page.original, target);
    if (!englishTarget || !existsSync(join(root, DOCS_DIR, englishTarget))) continue;
    const translatedTarget = posix.join(page.locale, englishTarget);
    const english = headingSlugs(structureOf(read(root, englishTarget)).headings);
    const translatedPath = join(root, DOCS_DIR, translatedTarget);
    const at = english.indexOf(decodeURIComponent(anchor));
    // An anchor that is no English heading names an element a component renders (the explorer's
    // #architecture-explorer): the same in both languages, and the built site's link test checks it.
    if (at < 0 || !existsSync(translatedPath)) continue;
    const own = headingSlugs(structureOf(readFileSync(translatedPath, 'utf8')).headings);
    fixes.push({ from: anchor, to: own.includes(anchor) ? anchor : own[at], link });
  }
  return fixes;
}

/** Every difference between each translation and its original, and every anchor that names no heading. */
export function checkTranslations(root = process.cwd(), pages = translatedPages(root)): string[] {
  const errors: string[] = [];
  for (const page of pages) {
    const label = `${DOCS_DIR}/${page.file}`;
    if (!existsSync(join(root, DOCS_DIR, page.original))) {
      errors.push(`${label}: no original at ${DOCS_DIR}/${page.original} (a translation keeps its original's path)`);
      continue;
    }
    const source = read(root, page.file);
    errors.push(...compareTranslation(read(root, page.original), source, `${DOCS_DIR}/${page.original}`, label));
    for (const fix of anchorFixes(root, page, source))
      if (fix.to !== fix.from)
        errors.push(
          fix.to
            ? `${label}: ${fix.link}: the anchor names the English heading; npm run check:translation -- --fix-anchors makes it #${fix.to}`
            : `${label}: ${fix.link}: the translated page has no heading at that place`,
        );
  }
  return errors;
}

/** Rewrites each translation's anchors to its targets' translated headings; returns the files it changed. */
export function fixAnchors(root = process.cwd(), pages = translatedPages(root)): string[] {
  const changed: string[] = [];
  for (const page of pages) {
    const source = read(root, page.file);
    let next = source;
    for (const fix of anchorFixes(root, page, source))
      if (fix.to && fix.to !== fix.from)
        next = next.replace(fix.link, fix.link.replace(`#${fix.from})`, `#${fix.to})`));
    if (next !== source) {
      writeFileSync(join(root, DOCS_DIR, page.file), next);
      changed.push(page.file);
    }
  }
  return changed;
}
