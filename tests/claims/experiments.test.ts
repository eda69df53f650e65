import { describe, expect, it } from 'vitest';
import { readLessons } from '~/content/lesson-graph';
import { printedLines, runInNode, runnableFences } from '../helpers/snippets';

/** cv-04's prose, hard line wraps undone: the figures it quotes must be the ones the snippets print. */
const prose = readLessons()
  .find((l) => l.lesson.id === 'cv-04')!
  .body.replace(/\s+/g, ' ');
function quoted(pattern: RegExp): number[] {
  const m = pattern.exec(prose);
  if (!m) throw new Error(`cv-04 no longer says ${pattern}`);
  return m.slice(1).map(Number);
}
/** "About" in the prose: within 0.1 of what the run printed (backends round differently). */
const about = (printed: number, quotedValue: number) =>
  expect(Math.abs(printed - quotedValue)).toBeLessThanOrEqual(0.1);

/**
 * cv-04's experiments, run as the reader runs them (WASM, the lesson's own code and fixed seeds), must keep showing
 * the effect their text describes. Each reads the figures the snippet prints.
 */
const fence = (title: string) => {
  const found = runnableFences().find((f) => f.lessonId === 'cv-04' && f.title === title);
  if (!found) throw new Error(`cv-04 has no runnable fence titled "${title}"`);
  return found.code;
};

async function printed(code: string): Promise<string[]> {
  const events = await runInNode(code);
  expect(events.filter((e) => e.type === 'error')).toEqual([]);
  return printedLines(events);
}

describe('the degradation experiment', () => {
  const code = fence('Degradation: plain vs residual networks');
  const OPTIMIZER = /const optimizer = \(\) => tf\.train\.momentum\(0\.02, 0\.9\);/;

  /** Per network: the gradient at hidden layer 2 relative to the last hidden layer's, and the 2nd epoch's mean loss. */
  async function results(source: string) {
    const rows = new Map<string, { gradientRatio: number; loss: number }>();
    for (const line of await printed(source)) {
      const m = /^(.+?)\s+gradient at init: layer 2 ([\d.]+)× .* training loss, 2nd epoch: ([\d.]+)$/.exec(line);
      if (m) rows.set(m[1]!, { gradientRatio: Number(m[2]), loss: Number(m[3]) });
    }
    expect([...rows.keys()]).toEqual(['plain, 9 layers', 'plain, 25 layers', 'residual, 25 layers']);
    return {
      shallow: rows.get('plain, 9 layers')!,
      deep: rows.get('plain, 25 layers')!,
      residual: rows.get('residual, 25 layers')!,
    };
  }

  it('trains the deep plain net clearly worse than the shallow one and the residual one, with no vanishing gradient', async () => {
    const { shallow, deep, residual } = await results(code);
    for (const net of [shallow, deep, residual]) expect(net.gradientRatio).toBeGreaterThanOrEqual(1);
    expect(deep.loss).toBeGreaterThan(shallow.loss + 0.5);
    expect(residual.loss).toBeLessThan(shallow.loss + 0.1);

    const [deepQuoted, shallowQuoted] = quoted(
      /ends far above the 9-layer one .*?\(about ([\d.]+) against ([\d.]+) in its second epoch\)/,
    );
    const [residualQuoted] = quoted(/ends level with the shallow one or below it \(about ([\d.]+)\)/);
    about(deep.loss, deepQuoted!);
    about(shallow.loss, shallowQuoted!);
    about(residual.loss, residualQuoted!);
    const [ratioQuoted] = quoted(/in the 25-layer plain net the second layer's is about (\d+)× larger/);
    expect(Math.round(deep.gradientRatio / 10) * 10).toBe(ratioQuoted);
  }, 120_000);

  it('keeps the gap with Adam, the control the text offers against step-size effects', async () => {
    expect(code).toMatch(OPTIMIZER);
    const { shallow, deep, residual } = await results(
      code.replace(OPTIMIZER, 'const optimizer = () => tf.train.adam(0.003);'),
    );
    expect(deep.loss).toBeGreaterThan(shallow.loss + 0.5);
    expect(residual.loss).toBeLessThan(shallow.loss + 0.1);
    const [deepQuoted, shallowQuoted] = quoted(
      /still ends far behind, at about ([\d.]+) against ([\d.]+) for the 9-layer one\./,
    );
    about(deep.loss, deepQuoted!);
    about(shallow.loss, shallowQuoted!);
  }, 120_000);
});

describe('the pre-activation experiment', () => {
  it("carries the output's gradient unchanged to every v2 block (the identity term is 1), while v1's ReLUs shrink it", async () => {
    const rows = new Map<string, { total: number; identity: number }>();
    for (const line of await printed(fence('Post- vs pre-activation gradient flow'))) {
      const m =
        /^(.+?)\s+gradient at block 1 ÷ at the output: total ([\d.]+), through the shortcuts alone ([\d.]+)$/.exec(
          line,
        );
      if (m) rows.set(m[1]!, { total: Number(m[2]), identity: Number(m[3]) });
    }
    const [v1, v2] = [rows.get('post-activation (v1)')!, rows.get('pre-activation (v2)')!];
    expect(v2.identity).toBe(1);
    expect(v1.identity).toBeLessThan(0.5);
    // Neither vanishes at initialisation with batch norm: the text says so rather than claim v1's does.
    expect(v1.total).toBeGreaterThan(1);
    expect(v2.total).toBeGreaterThan(1);
    expect(prose).toContain('the shortcuts alone carry only about a third of it');
    expect(Math.round(v1.identity * 3)).toBe(1);
    const [v1Quoted, v2Quoted] = quoted(/both grow towards the input \(about (\d+)× in v1 and (\d+)× in v2 here\)/);
    expect(Math.abs(v1.total - v1Quoted!) / v1Quoted!).toBeLessThan(0.1);
    expect(Math.abs(v2.total - v2Quoted!) / v2Quoted!).toBeLessThan(0.1);
  }, 60_000);
});
