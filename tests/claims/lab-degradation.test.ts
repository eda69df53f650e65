// The architecture lab's degradation preset (protocol/lab.ts LAB_PRESETS.degradation), run as the page runs it (the
// lab program on WASM, seeded): plain-56 must keep training worse than plain-20, ResNet-56 must keep learning, and
// the figures cv-04 quotes must be this run's. Several minutes on two cores: the 56-layer networks train at about
// ten images a second.
import { describe, expect, it } from 'vitest';
import { readLessons } from '~/content/lesson-graph';
import { LAB_PRESETS, type LabRow } from '~/runtime/protocol/lab';
import { jobRunner } from '../helpers/snippets';

const prose = readLessons()
  .find((l) => l.lesson.id === 'cv-04')!
  .body.replace(/\s+/g, ' ');

/** "<name> N%" as the lesson quotes the mean training errors, in percent. */
function quotedError(name: string): number {
  const m = new RegExp(`${name} (\\d+)%`).exec(prose.slice(prose.indexOf('In our seeded run of the preset')));
  if (!m) throw new Error(`cv-04 no longer quotes ${name}'s training error after "In our seeded run of the preset"`);
  return Number(m[1]);
}

describe('the lab degradation preset', () => {
  it('degrades the deep plain network and not the deep residual one, with the figures the lesson quotes', async () => {
    const run = await jobRunner();
    const events = await run({ type: 'lab-train', settings: { ...LAB_PRESETS.degradation } });
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    const rows = events.filter((e) => e.type === 'lab-rows').at(-1)!.rows as LabRow[];
    const by = Object.fromEntries(rows.map((r) => [r.architecture, r]));
    const [plain20, plain56, resnet20, resnet56] = [
      by['plain20-cifar']!,
      by['plain56-cifar']!,
      by['resnet20-cifar']!,
      by['resnet56-cifar']!,
    ];
    // The effect: plain-56 far behind plain-20 on the examples it trains on; ResNet-56 well clear of plain-56 and
    // level with ResNet-20 on both its training error and the test split.
    expect(plain56.trainingError! - plain20.trainingError!).toBeGreaterThan(0.15);
    expect(plain56.trainingError! - resnet56.trainingError!).toBeGreaterThan(0.15);
    expect(resnet56.testAccuracy!).toBeGreaterThanOrEqual(resnet20.testAccuracy! - 0.02);
    expect(resnet56.trainingError!).toBeLessThanOrEqual(resnet20.trainingError! + 0.02);
    // The lesson's figures, whole percents, within a point (other CPUs may round differently).
    for (const [name, row] of [
      ['plain-20', plain20],
      ['plain-56', plain56],
      ['ResNet-20', resnet20],
      ['ResNet-56', resnet56],
    ] as const)
      expect(Math.abs(100 * row.trainingError! - quotedError(name))).toBeLessThanOrEqual(1);
    const accuracies = /about (\d+)% against ResNet-20's (\d+)%/.exec(prose);
    if (!accuracies)
      throw new Error('cv-04 no longer quotes the test accuracies as "about N% against ResNet-20\'s M%"');
    expect(Math.abs(100 * resnet56.testAccuracy! - Number(accuracies[1]))).toBeLessThanOrEqual(1);
    expect(Math.abs(100 * resnet20.testAccuracy! - Number(accuracies[2]))).toBeLessThanOrEqual(1);
  }, 1_800_000);
});
