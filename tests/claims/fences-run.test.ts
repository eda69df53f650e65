// Every runnable fence of every lesson, run to the end on tfjs's WASM backend in Node (the claims tier: the
// lessons' code does what the lessons say it does, without leaking tensors).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { runInNode, runnableFences } from '../helpers/snippets';

const fences = runnableFences();

describe('runnable snippets in the lessons', () => {
  // WASM, as most readers without a GPU get; it also trains ~10x faster than tfjs's pure-JS cpu backend.
  describe('run on the wasm backend', () => {
    it.each(fences.map((f) => [`${f.lessonId} "${f.title}"`, f] as const))(
      '%s runs to the end without leaking',
      async (_name, f) => {
        const before = tf.memory().numTensors;
        const events = await runInNode(f.code);
        const errors = events.filter((e) => e.type === 'error');
        expect(errors).toEqual([]);
        const done = events.find((e) => e.type === 'done');
        expect(done && done.type === 'done' && done.tensorDelta).toBe(0);
        expect(
          events.some((e) => e.type === 'log' || e.type === 'summary' || e.type === 'chart' || e.type === 'image'),
        ).toBe(true);
        expect(tf.memory().numTensors).toBe(before);
      },
      300_000,
    ); // training snippets take a while on the pure-JS CPU backend
  });
});
