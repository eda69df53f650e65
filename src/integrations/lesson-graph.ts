import type { AstroIntegration } from 'astro';
import { checkLessonGraph, readLessonFiles } from '../content/lesson-graph.ts';

/** Fails `astro build` / `astro dev` when a lesson's frontmatter is invalid or links to a lesson that does not exist. */
export function lessonGraph({ root = process.cwd() }: { root?: string } = {}): AstroIntegration {
  return {
    name: 'cv-course:lesson-graph',
    hooks: {
      'astro:config:setup': ({ logger }) => {
        const lessons = readLessonFiles(root); // every locale: a translation is checked against its original
        const errors = checkLessonGraph(lessons);
        if (errors.length) throw new Error(`Lesson graph is broken:\n  ${errors.join('\n  ')}`);
        logger.info(`${lessons.length} lessons, every link resolves`);
      },
    },
  };
}
