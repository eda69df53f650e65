import type { Lesson } from './lesson-schema.ts';

export type LessonRefKind = 'prerequisite' | 'related';

/** Every reference from one lesson to another, with the frontmatter field it sits in (for error messages). */
export function lessonReferences(lesson: Lesson): Array<{ field: string; id: string; kind: LessonRefKind }> {
  return [
    ...lesson.prerequisites.lessons.map((id, i) => ({
      field: `prerequisites.lessons.${i}`,
      id,
      kind: 'prerequisite' as const,
    })),
    ...lesson.relatedTopics.map(({ id }, i) => ({ field: `relatedTopics.${i}.id`, id, kind: 'related' as const })),
    ...lesson.relatedLessons.map(({ id }, i) => ({ field: `relatedLessons.${i}.id`, id, kind: 'related' as const })),
  ];
}
