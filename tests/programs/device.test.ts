// The device page's worker programs, run as the page runs them (through the run handler) in Node, where WebGPU
// and WebGL do not exist and WASM and CPU do: the report must say so with reasons, and the benchmark must time both.
import { describe, expect, it } from 'vitest';
import { median } from '~/runtime/programs/device/bench';
import { DEVICE_BENCH, formatBenchMarkdown, type WorkerEvent } from '~/runtime/protocol';
import { jobRunner } from '../helpers/snippets';

const of = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T) =>
  events.filter((e) => e.type === type) as Array<Extract<WorkerEvent, { type: T }>>;

describe('the device programs', () => {
  it('report every backend, with a reason for each one that cannot start, and what tfjs says about WASM', async () => {
    const run = await jobRunner();
    const events = await run({ type: 'device-report' });
    expect(of(events, 'error')).toEqual([]);
    const [{ report }] = of(events, 'device-report') as [Extract<WorkerEvent, { type: 'device-report' }>];
    expect(report.backends.map((b) => [b.backend, b.works, b.detail])).toEqual([
      ['webgpu', false, 'not available in this browser'],
      ['webgl', false, 'no OffscreenCanvas in this worker'],
      ['wasm', true, 'WASM'],
      ['cpu', true, 'CPU'],
    ]);
    expect(report.gpuAdapter).toBeNull();
    expect(report.wasm.threads).toBeGreaterThanOrEqual(1);
    expect(typeof report.wasm.simd).toBe('boolean');
  }, 60_000);

  it('benchmark LeNet-5 training and a forward pass on each backend asked, warm-up apart from the steady state', async () => {
    const run = await jobRunner();
    const events = await run({ type: 'device-bench', backends: ['wasm', 'cpu'] });
    expect(of(events, 'error')).toEqual([]);
    const rows = of(events, 'bench-row').map((e) => e.row);
    expect(rows.map((r) => r.backend)).toEqual(['wasm', 'cpu']);
    for (const row of rows) {
      for (const figure of [row.trainFirstStepMs, row.trainWarmStepMs, row.trainExamplesPerSec, row.forwardMedianMs])
        expect(figure).toBeGreaterThan(0);
      expect(Number.isFinite(row.trainExamplesPerSec)).toBe(true);
    }
    const progress = of(events, 'progress').at(-1)!;
    expect(progress.done).toBe(progress.total);
    const text = formatBenchMarkdown(null, rows, new Date(0));
    expect(text).toContain(`LeNet-5 training, examples/s (batch ${DEVICE_BENCH.batch})`);
    expect(text).toMatch(/\| WASM \| \d+\.\d \| \d+ \|/);
    expect(text).toMatch(/\| CPU \| \d+\.\d \| \d+ \|/);
  }, 180_000);

  it('refuses a benchmark without backends, or with one it does not know', async () => {
    const run = await jobRunner();
    for (const backends of [[], ['tpu']] as const) {
      const [error] = of(await run({ type: 'device-bench', backends: backends as never }), 'error');
      expect(error?.message).toMatch(/device-bench expects some of webgpu, webgl, wasm, cpu/);
    }
  });

  it('takes the median, of odd and even counts alike', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
