// The training island's claim, run as the page runs it (through the run handler) on tfjs WASM: the defaults reach
// 97% in three epochs (cv-04 says "about 97.5%"), with its charts, galleries and picks along the way.
import { describe, expect, it } from 'vitest';
import { TRAIN_DEFAULTS, type WorkerEvent } from '~/runtime/protocol';
import { withSeed } from '~/runtime/programs/trainer/pretrain';
import { jobRunner } from '../helpers/snippets';
import { english } from '../helpers/words';

const handler = jobRunner;

const of = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T) =>
  events.filter((e) => e.type === type) as Array<Extract<WorkerEvent, { type: T }>>;

describe('the MNIST trainer', () => {
  // tfjs seeds its initialisers, and shuffles, from Math.random: pretrain's seeded generator makes the run
  // repeatable, so this test cannot fail by chance. (Across unseeded runs the defaults reached 97.35-97.95%.)
  it(
    'reaches at least 97% test accuracy in 3 epochs with the defaults, then shows any picked digit',
    () =>
      withSeed(1, async () => {
        const run = await handler();
        const events = await run({ type: 'train', settings: TRAIN_DEFAULTS });
        expect(of(events, 'error')).toEqual([]);
        const accuracy = of(events, 'log').map((e) =>
          e.parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'words' ? english(p.words) : '')).join(''),
        );
        const percent = Number(/Test accuracy: ([\d.]+)%/.exec(accuracy.join('\n'))?.[1]);
        expect(percent).toBeGreaterThanOrEqual(97);

        // Live charts: per batch (one point per batch) and per epoch (3 points with test accuracy).
        const charts = of(events, 'chart');
        expect(charts.map((c) => c.series.map((s) => english(s.label)))).toEqual([
          ['loss', 'accuracy'],
          ['training loss', 'training accuracy', 'test accuracy'],
        ]);
        const points = (chartId: number) =>
          of(events, 'chart-append')
            .filter((e) => e.chartId === chartId)
            .flatMap((e) => e.x);
        expect(points(charts[0]!.chartId)).toHaveLength(3 * Math.ceil(8000 / TRAIN_DEFAULTS.batchSize));
        expect(points(charts[1]!.chartId)).toEqual([1, 2, 3]);
        expect(of(events, 'progress').at(-1)).toMatchObject({ done: 750, total: 750 });

        // Predictions (pickable, mistakes flagged), then the learned filters.
        const [first, mistakes, filters] = of(events, 'gallery');
        expect(first!.items.map((i) => i.pick)).toEqual(Array.from({ length: 24 }, (_, i) => i));
        expect(mistakes!.items.length).toBeGreaterThan(0);
        expect(
          mistakes!.items.every((i) => i.flagged && english(i.caption).includes('✗') && i.pick !== undefined),
        ).toBe(true);
        expect(english(mistakes!.title)).toMatch(new RegExp(`^${Math.round(((100 - percent) / 100) * 2000)} mistakes`));
        expect(filters!.items).toHaveLength(6);
        expect(filters!.width).toBe(5);
        // The trained weights stay in the worker on purpose; nothing else does.
        expect(events.at(-1)).toMatchObject({ type: 'done', tensorDelta: 0 });

        const pick = await run({ type: 'inspect', index: 1234 });
        expect(english(of(pick, 'image')[0]!.title)).toMatch(/^Test digit #1234: a \d; the network says \d$/);
        expect(of(pick, 'gallery').map((g) => [g.items.length, g.width])).toEqual([
          [6, 28],
          [16, 10],
        ]);
        expect(pick.at(-1)).toMatchObject({ type: 'done', tensorDelta: 0 });
        expect(english(of(await run({ type: 'inspect', index: 2000 }), 'error')[0]!.message)).toBe(
          'Pick a test digit from 0 to 1999; got 2000',
        );
      }),
    240_000,
  );
});
