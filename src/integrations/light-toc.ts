import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * Puts components/overrides/starlight-toc.ts in place of Starlight's table-of-contents script, which costs a long
 * lesson over a second of blocking time on a slow phone (the module says why). Starlight's TableOfContents and
 * MobileTableOfContents components import it by this relative path; nothing else of Starlight changes. A build
 * that never saw the import fails, rather than silently shipping Starlight's slow one after an upgrade moves it.
 */
export const STARLIGHT_TOC = /components-internals[\\/]TableOfContents[\\/]starlight-toc(\.[jt]s)?$/;
export const LIGHT_TOC = join(dirname(fileURLToPath(import.meta.url)), '../components/overrides/starlight-toc.ts');

export function lightToc(): Plugin {
  let replaced = false;
  let building = false;
  return {
    name: 'course-light-toc',
    enforce: 'pre',
    configResolved(config) {
      building = config.command === 'build' && !config.build.ssr;
    },
    resolveId(source, importer) {
      if (!STARLIGHT_TOC.test(source) || !importer?.includes('@astrojs')) return null;
      replaced = true;
      return existsSync(LIGHT_TOC) ? LIGHT_TOC : null;
    },
    buildEnd() {
      if (building && !replaced)
        this.error("light-toc: Starlight's starlight-toc module was never imported; has Starlight moved it?");
    },
  };
}
