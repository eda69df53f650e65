/**
 * tfjs draws a fresh seed from Math.random wherever a caller gives none: every layer initializer of the zoo,
 * dropout, and tf.util's shuffles. So that two architectures (and two runs) start from the same seed, a program
 * runs its setup with Math.random replaced by a seeded generator. The worker runs one program at a time, so the
 * swap is seen by that program alone; it is undone however `fn` ends.
 */

/** mulberry32: a 32-bit state, uniform floats in [0, 1); plenty for initial weights and shuffles. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `fn` with Math.random drawing from `seed`, then restores it (also when `fn` throws or rejects). */
export async function withSeed<T>(seed: number, fn: () => T | Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = seededRandom(seed);
  try {
    return await fn();
  } finally {
    Math.random = original;
  }
}
