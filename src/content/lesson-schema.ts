import { z } from 'astro/zod';
import { TRACK_IDS } from './tracks.ts';

/** A lesson id: track prefix, two-digit number, optional slug (`cv-04`, `ml-29-cnn`). */
export const LESSON_ID = /^(cv|dl|ml|rec|gd)-\d{2}(-[a-z0-9]+)*$/;
const LessonId = z.string().regex(LESSON_ID, 'expected a lesson id such as "cv-04" or "ml-29-cnn"');

/** A link to another lesson with one line on why it is worth following. */
const LessonLink = z.strictObject({
  id: LessonId,
  why: z.string().min(10, 'say in one line why the reader should follow this link'),
});

const QuizOption = z.strictObject({
  text: z.string().min(1),
  correct: z.boolean().default(false),
  explanation: z.string().min(10, 'every option needs an explanation of why it is right or wrong'),
});

const QuizQuestion = z
  .strictObject({
    /** Unique within the lesson; `<Quiz id="…" />` places it in the text. */
    id: z.string().regex(/^[a-z0-9-]+$/, 'quiz ids are kebab-case'),
    question: z.string().min(10),
    options: z.array(QuizOption).min(3, 'a quiz has 3 or 4 options').max(4, 'a quiz has 3 or 4 options'),
  })
  .refine((q) => q.options.filter((o) => o.correct).length === 1, {
    message: 'a quiz has exactly one correct option',
    path: ['options'],
  })
  .refine((q) => new Set(q.options.map((o) => o.text)).size === q.options.length, {
    message: 'a quiz has no two options with the same text',
    path: ['options'],
  });

/** The `lesson` block of a lesson's frontmatter. Pages without it (home, course map) are not lessons. */
export const LessonSchema = z
  .strictObject({
    id: LessonId,
    track: z.enum(TRACK_IDS),
    /** Position within the track; the sidebar sorts by file name, which starts with the id. */
    order: z.number().int().positive(),
    prerequisites: z
      .strictObject({
        lessons: z.array(LessonId).default([]),
        /** Free-text prerequisites that no lesson of this course covers. */
        knowledge: z.array(z.string().min(3)).default([]),
      })
      .default({ lessons: [], knowledge: [] }),
    relatedTopics: z.array(LessonLink).default([]),
    relatedLessons: z.array(LessonLink).default([]),
    quiz: z.array(QuizQuestion).default([]),
  })
  .refine((l) => l.id.startsWith(`${l.track}-`), {
    message: 'the lesson id must start with its track (e.g. track "cv" -> id "cv-04")',
    path: ['id'],
  })
  .refine((l) => new Set(l.quiz.map((q) => q.id)).size === l.quiz.length, {
    message: 'quiz ids must be unique within a lesson',
    path: ['quiz'],
  });

export const LessonFrontmatter = z.object({ lesson: LessonSchema.optional() });
export type Lesson = z.output<typeof LessonSchema>;
export type LessonInput = z.input<typeof LessonSchema>;
export type QuizQuestion = z.output<typeof QuizQuestion>;
