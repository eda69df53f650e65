import { defineCollection } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { LessonFrontmatter } from './content/lesson-schema';
import english from './content/i18n/en.json';

/** The course's own words extend Starlight's dictionary: every key of the English table (src/content/words.ts). */
/**
 * Starlight's docs loader, less the pages under `test/` unless COURSE_TEST_PAGES is set: small pages that hold one
 * island each, for the end-to-end tests (`npm test` and `npm run test:site` build with them; a site you deploy with
 * `npm run build` has none).
 */
function courseDocs(): Loader {
  const docs = docsLoader();
  return {
    name: 'course-docs',
    load: async (context) => {
      await docs.load(context);
      if (process.env.COURSE_TEST_PAGES) return;
      for (const id of context.store.keys()) if (id.startsWith('test/')) context.store.delete(id);
    },
  };
}

const courseWords = z.object(Object.fromEntries(Object.keys(english).map((key) => [key, z.string()]))).partial();

export const collections = {
  docs: defineCollection({ loader: courseDocs(), schema: docsSchema({ extend: LessonFrontmatter }) }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema({ extend: courseWords }) }),
};
