// The device page's worker programs, run as the page runs them (through the run handler) in Node, where WebGPU
// and WebGL do not exist and WASM and CPU do: the report must say so with reasons, and the benchmark must time WASM.
import { describe, expect, it } from 'vitest';
import { median } from '~/runtime/programs/device/bench';
import {
  DEVICE_BENCH,
  describeThreads,
  formatBenchMarkdown,
  type WasmReport,
  type WorkerEvent,
} from '~/runtime/protocol';
import { jobRunner } from '../helpers/snippets';
import { english } from '../helpers/words';

const of = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T) =>
  events.filter((e) => e.type === type) as Array<Extract<WorkerEvent, { type: T }>>;

describe('the device programs', () => {
  it('report every backend, with a reason for each one that cannot start, and what tfjs says about WASM', async () => {
    const run = await jobRunner();
    const events = await run({ type: 'device-report' });
    expect(of(events, 'error')).toEqual([]);
    const [{ report }] = of(events, 'device-report') as [Extract<WorkerEvent, { type: 'device-report' }>];
    expect(report.backends.map((b) => [b.backend, b.works, english(b.detail)])).toEqual([
      ['webgpu', false, 'not available in this browser'],
      ['webgl', false, 'no OffscreenCanvas in this worker'],
      ['wasm', true, 'WASM'],
      ['cpu', true, 'CPU'],
    ]);
    expect(report.gpuAdapter).toBeNull();
    expect(report.wasm.threads).toBeGreaterThanOrEqual(1);
    expect(typeof report.wasm.simd).toBe('boolean');
  }, 60_000);

  it('benchmark LeNet-5 training and a forward pass on each backend asked that starts, and say which could not', async () => {
    const run = await jobRunner();
    // CPU is benchmarked in Chromium (tests/e2e/device.test.ts); in Node it would only add a minute.
    const events = await run({ type: 'device-bench', backends: ['webgl', 'wasm'] });
    expect(of(events, 'error')).toEqual([]);
    const warnings = of(events, 'log').flatMap((e) =>
      e.parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'words' ? english(p.words) : '')),
    );
    expect(warnings).toContain('WebGL was skipped: no OffscreenCanvas in this worker');
    const rows = of(events, 'bench-row').map((e) => e.row);
    expect(rows.map((r) => r.backend)).toEqual(['wasm']);
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
  }, 180_000);

  it('refuses a benchmark without backends, or with one it does not know', async () => {
    const run = await jobRunner();
    for (const backends of [[], ['tpu']] as const) {
      const [error] = of(await run({ type: 'device-bench', backends: backends as never }), 'error');
      expect(error?.message).toMatch(/device-bench expects some of webgpu, webgl, wasm, cpu/);
    }
  });

  it.each<[string, Partial<WasmReport>, RegExp]>([
    ['several threads', { threads: 4 }, /^4 threads for the lessons' code \(/],
    ['one, not isolated', { threads: 1 }, /^1 thread: this page is not cross-origin isolated, so SharedArrayBuffer/],
    ['one, isolated, no threads', { threads: 1, crossOriginIsolated: true }, /^1 thread: this browser offers no/],
    ['one by choice', { threads: 1, crossOriginIsolated: true, multithread: true }, /^1 thread: threads are available/],
    ['none: WASM failed', { threads: null }, /^threads unknown: the WASM backend did not start/],
  ])('says how many WASM threads and why: %s', (_, facts, expected) => {
    const wasm: WasmReport = {
      simd: true,
      multithread: false,
      crossOriginIsolated: false,
      cores: 8,
      threads: 1,
      ...facts,
    };
    expect(describeThreads(wasm)).toMatch(expected);
  });

  it('takes the median, of odd and even counts alike', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
