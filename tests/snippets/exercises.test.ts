/**
 * Every exercise in every lesson, checked as the page checks it (reader's code, then the hidden check, in the
 * worker's handler on WASM): its solution passes, its starter fails with feedback, and typical wrong answers get
 * the feedback meant for them.
 */
import { describe, expect, it } from 'vitest';
import { exercisesIn } from '~/content/exercises';
import { readLessons } from '~/content/lesson-graph';
import type { WorkerEvent } from '~/runtime/protocol';
import { runJobInNode } from '../helpers/snippets';
import { english } from '../helpers/words';

const lessons = readLessons();
const exercises = lessons.flatMap((l) => exercisesIn(l.body).map((e) => ({ ...e, lesson: l.lesson.id })));
const byId = new Map(exercises.map((e) => [e.id, e]));

type Verdict = Extract<WorkerEvent, { type: 'check' }>;
async function verdictOf(code: string, check: string): Promise<Verdict | Extract<WorkerEvent, { type: 'error' }>> {
  const events = await runJobInNode({ type: 'check', code, check });
  const found = events.find((e) => e.type === 'check' || e.type === 'error');
  if (!found) throw new Error(`no verdict: ${JSON.stringify(events.map((e) => e.type))}`);
  return found as Verdict;
}

describe('exercises', () => {
  // At least one per lesson is the build's to say (the lesson graph); six in cv-04 is this course's choice.
  it('number at least six in cv-04, with unique ids', () => {
    expect(exercises.filter((e) => e.lesson === 'cv-04').length).toBeGreaterThanOrEqual(6);
    expect(new Set(exercises.map((e) => `${e.lesson}/${e.id}`)).size).toBe(exercises.length);
  });

  it.each(exercises.map((e) => [`${e.lesson}/${e.id}`, e] as const))(
    '%s: the solution passes and the starter fails with feedback',
    async (_, exercise) => {
      const solved = await verdictOf(exercise.solution, exercise.check);
      expect(solved, JSON.stringify(solved)).toMatchObject({ type: 'check', passed: true });
      const started = await verdictOf(exercise.starter, exercise.check);
      expect(started, JSON.stringify(started)).toMatchObject({ type: 'check', passed: false });
      expect(english((started as Verdict).message!).length).toBeGreaterThan(20);
    },
    120_000,
  );

  // exercise, what the wrong answer changes in the solution, the feedback it must get
  const WRONG: ReadonlyArray<readonly [string, [string, string], RegExp]> = [
    [
      'lenet-params',
      ['units: 84', 'units: 64'],
      /^61,706 parameters expected, yours has 59,086: LeNet-5 has three dense/,
    ],
    [
      'vgg-block',
      ['return tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }).apply(x) as tf.SymbolicTensor;', 'return x;'],
      /^your block's output is \[28, 28, 128\]; expected \[14, 14, 128\]$/,
    ],
    ['basic-block', ['conv(128, 1, 2)', 'conv(128, 3, 2)'], /^230,144 parameters expected, yours has 295,680/],
    [
      'fix-preact',
      [
        '  return tf.layers.add().apply([x, y]) as tf.SymbolicTensor;',
        '  return apply(tf.layers.reLU(), tf.layers.add().apply([x, y]) as tf.SymbolicTensor);',
      ],
      /^layer 8 is ReLU; expected no more layers/,
    ],
    [
      'depthwise-budget',
      ['kernelSize: 1 }', "kernelSize: 3, padding: 'same' }"],
      /^your model needs 466\.0 M MACs; the budget is 60\.0 M: the pointwise/,
    ],
    [
      'two-3x3',
      [
        "filters: 64, kernelSize: 3, padding: 'same' }),\n  ],",
        "filters: 64, kernelSize: 5, padding: 'same' }),\n  ],",
      ],
      /^your receptive field is 7 pixels; expected 5/,
    ],
  ];
  it.each(WRONG)(
    '%s: a typical wrong answer gets the feedback meant for it',
    async (id, [from, to], feedback) => {
      const exercise = byId.get(id)!;
      expect(exercise.solution).toContain(from);
      const verdict = (await verdictOf(exercise.solution.replace(from, to), exercise.check)) as Verdict;
      expect(verdict.passed, JSON.stringify(verdict)).toBe(false);
      expect(english(verdict.message!)).toMatch(feedback);
    },
    60_000,
  );

  it("reports an error in the reader's code at the reader's line, and a removed name as the check's complaint", async () => {
    const exercise = byId.get('lenet-params')!;
    const broken = await verdictOf(`const a = 1;\nnull.x;\n${exercise.solution}`, exercise.check);
    expect(broken).toMatchObject({ type: 'error', location: { line: 2 } });
    const renamed = await verdictOf(exercise.solution.replaceAll('model', 'net'), exercise.check);
    expect(renamed).toMatchObject({ type: 'error', location: null });
    expect((renamed as { message: string }).message).toMatch(/model is not defined/);
  }, 60_000);
});
