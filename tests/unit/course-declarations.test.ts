import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCourseModule } from '~/runtime/course/course-module';
import { RunContext } from '~/runtime/host/run-context';

/** What `course.d.ts` tells readers' code (and the snippet type-check) that `course` exports. */
const declared = [
  ...readFileSync(new URL('../../src/runtime/course/course.d.ts', import.meta.url), 'utf8').matchAll(
    /export const (\w+): CourseModule\['(\w+)'\];/g,
  ),
];

describe('the course module declarations', () => {
  it('declare every function the module gives a run, and nothing it lacks', () => {
    const course = createCourseModule(new RunContext(1, () => {}), async () => new ArrayBuffer(0));
    expect(declared.map((m) => m[1]).sort()).toEqual(Object.keys(course).sort());
  });

  it('declare each export with the type of the function of the same name', () => {
    expect(declared.length).toBeGreaterThan(5);
    expect(declared.filter(([, name, key]) => name !== key)).toEqual([]);
  });
});
