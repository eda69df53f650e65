import type { AstroIntegration } from 'astro';
import { checkLessonGraph, readLessonFiles } from '../content/lesson-graph.ts';
import { checkTranslations, translatedPages } from '../content/translations.ts';

/**
 * Fails `astro build` / `astro dev` when a lesson's frontmatter is invalid, links to a lesson that does not exist,
 * or a translation differs from its original in what it must keep.
 */
export function lessonGraph({ root = process.cwd() }: { root?: string } = {}): AstroIntegration {
  return {
    name: 'cv-course:lesson-graph',
    hooks: {
      'astro:config:setup': ({ logger }) => {
        const lessons = readLessonFiles(root); // every locale: a translation is checked against its original
        const errors = checkLessonGraph(lessons);
        if (errors.length) throw new Error(`Lesson graph is broken:\n  ${errors.join('\n  ')}`);
        logger.info(`${lessons.length} lessons, every link resolves`);
        // A translation that lost a quiz, a fence or a heading of its original fails here (docs-notes/TRANSLATING.md).
        const translations = translatedPages(root);
        const differences = checkTranslations(root, translations);
        if (differences.length)
          throw new Error(`Translations differ from their originals:\n  ${differences.join('\n  ')}`);
        logger.info(`${translations.length} translated pages keep their originals' structure`);
      },
    },
  };
}
