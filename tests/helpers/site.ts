import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';

/** The production build that `npm test` makes before running vitest. */
export const DIST = join(process.cwd(), 'dist');

export function requireBuild(): void {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error('dist/ is missing: run `npm test` (it builds the site first) or `npm run build`.');
}

/** Every built HTML page, as its URL path (`/cv/cv-04/`) and its file. */
export function builtPages(dir = DIST): Array<{ url: string; file: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'pagefind' || d.name === '_astro' ? [] : builtPages(path);
    if (!d.name.endsWith('.html')) return [];
    const rel = path.slice(DIST.length).replace(/\\/g, '/');
    return [{ url: rel.replace(/index\.html$/, ''), file: path }];
  });
}

export function readPage(url: string): string {
  const file = join(DIST, url, url.endsWith('.html') ? '' : 'index.html');
  return readFileSync(file, 'utf8');
}

/** Parses a built page; `text` is its visible text with whitespace collapsed. */
export function parsePage(url: string): HTMLElement {
  return parse(readPage(url), { blockTextElements: { script: false, style: false, template: false, noscript: false } });
}

export function textOf(el: HTMLElement): string {
  return el.textContent.replace(/\s+/g, ' ').replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}
