// The architecture lab's worker program, run as the page runs it (through the run handler) on tfjs WASM.
import { describe, expect, it } from 'vitest';
import { createCourseHandler } from '~/runtime/programs';
import { type RunJob, type WorkerEvent } from '~/runtime/protocol';
import { LAB_DEFAULTS, type LabSettings } from '~/runtime/protocol/lab';
import { jobRunner, nodeAssetLoader, WASM_DIR } from '../helpers/snippets';
import { english } from '../helpers/words';

const of = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T) =>
  events.filter((e) => e.type === type) as Array<Extract<WorkerEvent, { type: T }>>;

/** Small enough for two CPU cores: 1,000 digits, one epoch. */
const SMALL: LabSettings = {
  ...LAB_DEFAULTS,
  architectures: ['lenet5', 'alexnet-mnist'],
  dataset: 'mnist',
  epochs: 1,
  examples: 1000,
};

/** Runs the lab job; `during` sees each event as it comes and may act on the handler (press Stop). */
async function runLab(settings: LabSettings, during?: (e: WorkerEvent, stop: () => void) => void) {
  const events: WorkerEvent[] = [];
  const stop = () => void handle({ type: 'stop', runId: 1 });
  const handle = createCourseHandler(
    (e) => {
      events.push(e);
      during?.(e, stop);
    },
    { loadAsset: await nodeAssetLoader() },
  );
  const job: RunJob = { type: 'lab-train', settings };
  await handle({ ...job, runId: 1, backend: 'wasm', baseUrl: WASM_DIR });
  return events;
}

describe('the architecture lab', () => {
  it('refuses one network, a repeated one, one it does not know and a setting off its table', async () => {
    const run = await jobRunner();
    for (const architectures of [['lenet5'], ['lenet5', 'lenet5'], ['lenet5', 'resnet50']]) {
      const settings = { ...SMALL, architectures } as unknown as LabSettings;
      const [refused] = of(await run({ type: 'lab-train', settings }), 'error');
      expect(english(refused!.message)).toBe('Pick 2 to 4 different networks to compare.');
    }
    const [epochs] = of(await run({ type: 'lab-train', settings: { ...SMALL, epochs: 9 as 1 } }), 'error');
    expect(english(epochs!.message)).toBe('The lab does not take 9 for epochs; it takes one of 1, 2, 3, 4, 5.');
  });

  it('trains two networks side by side: overlaid curves, a test point each, the table filled, the same run twice', async () => {
    const first = await runLab(SMALL);
    expect(of(first, 'error')).toEqual([]);
    const charts = of(first, 'chart');
    expect(charts.map((c) => english(c.title))).toEqual([
      'Training loss (mean of the last 20 batches)',
      'Training error (mean of the last 20 batches)',
      'Test accuracy after each epoch',
    ]);
    for (const chart of charts) expect(chart.series.map((s) => english(s.label))).toEqual(['LeNet-5', 'AlexNet']);
    // 1,000 digits in batches of 32: 32 steps, each network's loss and error one point per step.
    const appended = of(first, 'chart-append').filter((e) => e.chartId === charts[0]!.chartId);
    const losses = appended.flatMap((e) => e.values[0]!);
    expect(losses).toHaveLength(32);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    expect(of(first, 'done')[0]!.tensorDelta).toBe(0); // the data set and every network freed
    const rows = of(first, 'lab-rows').at(-1)!.rows;
    expect(rows.map((r) => [r.architecture, r.state, r.epochs])).toEqual([
      ['lenet5', 'done', 1],
      ['alexnet-mnist', 'done', 1],
    ]);
    for (const row of rows) {
      expect(row.testAccuracy).toBeGreaterThan(0.3); // chance is 0.1; one epoch of 1,000 digits
      expect(row.params).toBeGreaterThan(0);
      expect(row.examplesPerSecond).toBeGreaterThan(0);
    }
    // Same seed, same examples in the same order, the same dropout: the same networks come out.
    const again = of(await runLab(SMALL), 'lab-rows').at(-1)!.rows;
    expect(again.map((r) => r.testAccuracy)).toEqual(rows.map((r) => r.testAccuracy));
  });

  it('keeps each trained network for the explorer and the digit pad, which say so and whose', async () => {
    const events = await runLab(SMALL);
    const accuracy = of(events, 'lab-rows').at(-1)!.rows[1]!.testAccuracy!;
    const said = of(events, 'log').flatMap((e) => e.parts.map((p) => (p.kind === 'words' ? english(p.words) : '')));
    // Node has no IndexedDB: kept in the worker, and the lab says the browser stored none of it (nor lists any).
    expect(said).toContain(
      'Each network is kept on this page as it was after its last finished epoch, but this browser stored none of them (it lets this page store nothing): they are gone when you leave the page.',
    );
    expect(of(events, 'lab-kept')).toEqual([]);
    const run = await jobRunner();
    const maps = await run({
      type: 'layer-maps',
      model: 'alexnet-mnist',
      inputSize: null,
      layer: 'conv1',
      input: { kind: 'digit', index: 0 },
    });
    expect(of(maps, 'error')).toEqual([]);
    const note = of(maps, 'log')
      .flatMap((e) => e.parts.map((p) => (p.kind === 'words' ? english(p.words) : '')))
      .join(' ');
    const percent = String(Math.round(1000 * accuracy) / 10);
    expect(note).toContain(
      `Trained weights: the AlexNet you trained in the architecture lab (MNIST digits, 1 epoch, ${percent}% on its test images).`,
    );

    const pixels = Array.from({ length: 28 * 28 }, (_, i) => (Math.abs((i % 28) - 14) < 2 ? 1 : 0)); // a "1"
    const [reading] = of(await run({ type: 'read-digit', pixels, network: 'lab:alexnet-mnist' }), 'digit-reading');
    expect(english(reading!.about)).toBe(
      `the AlexNet you trained in the architecture lab (${Math.round(10_000 * accuracy) / 100}% on the 2,000 test digits)`,
    );
    expect(reading!.probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
    const [missing] = of(await run({ type: 'read-digit', pixels, network: 'lab:vgg8-mnist' }), 'error');
    expect(english(missing!.message)).toBe(
      'This browser no longer holds the VGG-8 you trained in the lab: train it again in the lab, or pick another network.',
    );
  });

  it('stops at once on Stop, and keeps what it measured as stopped rows', async () => {
    let stopped = false;
    const events = await runLab({ ...SMALL, examples: 8000 }, (e, stop) => {
      if (e.type !== 'chart-append' || stopped) return;
      stopped = true;
      stop();
    });
    expect(of(events, 'error').map((e) => e.kind)).toEqual(['stopped']);
    const rows = of(events, 'lab-rows').at(-1)!.rows;
    expect(rows.map((r) => r.state)).toEqual(['stopped', 'stopped']);
    expect(rows.every((r) => r.trainMs > 0)).toBe(true);
  });
});
