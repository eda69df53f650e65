import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { LessonFrontmatter } from './content/lesson-schema';
import english from './content/i18n/en.json';

/** The course's own words extend Starlight's dictionary: every key of the English table (src/content/words.ts). */
const courseWords = z.object(Object.fromEntries(Object.keys(english).map((key) => [key, z.string()]))).partial();

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: LessonFrontmatter }) }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema({ extend: courseWords }) }),
};
