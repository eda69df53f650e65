/**
 * `npm run check:translation [-- ru/cv/cv-04.mdx …] [-- --fix-anchors]`: what each translation changed that it
 * must keep (docs-notes/TRANSLATING.md). The build runs the same check; this is the quick loop for a translator.
 */
import { checkTranslations, fixAnchors, translatedPages } from '../src/content/translations.ts';

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const pages = translatedPages().filter((p) => !only.length || only.some((o) => p.file === o.replace(/^.*docs\//, '')));
if (args.includes('--fix-anchors'))
  for (const file of fixAnchors(process.cwd(), pages)) console.log(`anchors fixed: ${file}`);
const errors = checkTranslations(process.cwd(), pages);
for (const e of errors) console.log(e);
console.log(
  errors.length ? `${errors.length} difference(s)` : `${pages.length} translation(s) keep their originals' structure`,
);
process.exitCode = errors.length ? 1 : 0;
