import { describe, expect, it } from 'vitest';
import { atMostEvery, oneReadingAtATime, type ReadOutcome } from '~/components/digit-pad/reading-scheduler';

/** A reading that ends when the test says so. */
function controlledReadings(outcome: ReadOutcome = 'read') {
  const pending: Array<() => void> = [];
  let started = 0;
  const read = () =>
    new Promise<ReadOutcome>((resolve) => {
      started++;
      pending.push(() => resolve(outcome));
    });
  const finish = async () => {
    pending.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { read, finish, started: () => started };
}

describe("the digit pad's readings", () => {
  it('run one at a time, and the requests made meanwhile as one more reading when it ends', async () => {
    const readings = controlledReadings();
    const request = oneReadingAtATime(readings.read, () => undefined);
    void request();
    void request();
    void request();
    expect(readings.started()).toBe(1);
    await readings.finish();
    expect(readings.started()).toBe(2);
    await readings.finish();
    expect(readings.started()).toBe(2);
  });

  it('do not catch up after a skipped reading (nothing to read, or the worker busy elsewhere)', async () => {
    const readings = controlledReadings('skipped');
    const request = oneReadingAtATime(readings.read, () => undefined);
    void request();
    void request();
    await readings.finish();
    expect(readings.started()).toBe(1);
  });

  it('report a failed reading and take the next request', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const request = oneReadingAtATime(
      async () => {
        calls++;
        if (calls === 1) throw new Error('worker gone');
        return 'read';
      },
      (e) => errors.push(e),
    );
    await request();
    await request();
    expect(errors).toHaveLength(1);
    expect(calls).toBe(2);
  });

  it('while drawing, are due at most once per interval, and always when the pen lifts', () => {
    let t = 1000;
    const due = atMostEvery(250, () => t);
    expect(due(false)).toBe(true);
    t += 100;
    expect(due(false)).toBe(false);
    expect(due(true)).toBe(true);
    t += 249;
    expect(due(false)).toBe(false);
    t += 1;
    expect(due(false)).toBe(true);
  });
});
