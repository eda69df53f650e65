/**
 * The reader's progress, kept in this browser only (localStorage): lessons visited, quiz answers and exercises passed.
 * Every change is announced with a `course-progress` event so each widget on the page can redraw.
 */
import type { Say } from '~/content/words';

export interface QuizAnswer {
  choice: number;
  correct: boolean;
}
export interface Progress {
  visited: Record<string, number>;
  answers: Record<string, QuizAnswer>;
  /** Exercise keys (`<lesson id>/<exercise id>`) the reader's code has passed, with when. */
  passed: Record<string, number>;
}

export const PROGRESS_KEY = 'cv-course:progress:v1';
export const PROGRESS_EVENT = 'course-progress';

const empty = (): Progress => ({ visited: {}, answers: {}, passed: {} });

export function loadProgress(): Progress {
  try {
    const raw = localStorage.getItem(PROGRESS_KEY);
    const data = raw ? (JSON.parse(raw) as Partial<Progress>) : {};
    return { visited: { ...data.visited }, answers: { ...data.answers }, passed: { ...data.passed } };
  } catch {
    // Storage can be disabled or hold junk from an old version; progress is a nicety, not a failure.
    return empty();
  }
}

function saveProgress(progress: Progress): void {
  try {
    localStorage.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Private mode or a full quota: keep going without persistence.
  }
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
}

export function markVisited(lessonId: string): void {
  const progress = loadProgress();
  progress.visited[lessonId] ??= Date.now();
  saveProgress(progress);
}

/** Quiz keys are `<lesson id>/<quiz id>`, unique across the course. */
export function recordAnswer(quizKey: string, answer: QuizAnswer): void {
  const progress = loadProgress();
  progress.answers[quizKey] = answer;
  saveProgress(progress);
}

/** An exercise passed stays passed: a later failed attempt does not take it back. */
export function recordPass(exerciseKey: string): void {
  const progress = loadProgress();
  progress.passed[exerciseKey] ??= Date.now();
  saveProgress(progress);
}

export function resetProgress(): void {
  saveProgress(empty());
}

/** Words a key with values: Starlight's `t` on the server, the page's words block in the browser. */
export type Wording = Say;

/**
 * What the progress panel says. `scope` is the key of the scope's words: this lesson (on a lesson page) or the
 * course (elsewhere).
 */
export function progressSummary(
  { visited, answers, passed }: Progress,
  keys: { quiz: string[]; exercises: string[]; scope: string; lessonCount: number },
  word: Wording,
): string {
  const exercises = keys.exercises.length
    ? word('course.progress.exercises', {
        passed: keys.exercises.filter((k) => passed[k]).length,
        total: keys.exercises.length,
      })
    : '';
  const answered = keys.quiz.filter((k) => answers[k]);
  const correct = answered.filter((k) => answers[k]!.correct).length;
  const scope = word(keys.scope);
  const quiz = keys.quiz.length
    ? word('course.progress.quiz', { answered: answered.length, total: keys.quiz.length, scope, correct })
    : word('course.progress.noQuiz', { scope });
  const visitedCount = Object.keys(visited).length;
  return word('course.progress.summary', { quiz, exercises, visited: visitedCount, lessons: keys.lessonCount });
}
