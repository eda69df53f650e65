// The `course` module as snippets see it (`import { zoo, summary } from 'course'`). The worker supplies the
// implementation bound to each run (course-module.ts); this declaration is for type-checking snippets.
declare module 'course' {
  import type { CourseModule } from '~/runtime/course/course-module';
  export const zoo: CourseModule['zoo'];
  export const summary: CourseModule['summary'];
  export const plot: CourseModule['plot'];
  export const show: CourseModule['show'];
  export const time: CourseModule['time'];
  export const checkStop: CourseModule['checkStop'];
  export const stopCallback: CourseModule['stopCallback'];
  export const mnist: CourseModule['mnist'];
  export const fashionMnist: CourseModule['fashionMnist'];
  export const gallery: CourseModule['gallery'];
  export const progress: CourseModule['progress'];
  export const explore: CourseModule['explore'];
  export const check: CourseModule['check'];
}
