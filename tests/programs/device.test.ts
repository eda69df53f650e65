// The device page's worker programs, run as the page runs them (through the run handler) in Node, where WebGPU
// and WebGL do not exist and WASM and CPU do: the report must say so with reasons, and the benchmark must time WASM.
import { describe, expect, it } from 'vitest';
import { median } from '~/runtime/programs/device/bench';
import {
  DEVICE_BENCH,
  describeThreads,
  formatBenchMarkdown,
  formatFigure,
  type BenchRow,
  type DeviceReport,
  type WasmReport,
  type WorkerEvent,
  words,
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
    const skipped = of(events, 'bench-skipped').map((e) => [e.backend, english(e.reason)]);
    expect(skipped).toEqual([['webgl', 'no OffscreenCanvas in this worker']]);
    // As the page says it (device-element.ts).
    expect(
      english(words('device.bench.skipped', { backend: 'WebGL', reason: 'no OffscreenCanvas in this worker' })),
    ).toBe('WebGL was skipped: no OffscreenCanvas in this worker');
    const rows = of(events, 'bench-row').map((e) => e.row);
    expect(rows.map((r) => r.backend)).toEqual(['wasm']);
    for (const row of rows) {
      for (const figure of [row.trainFirstStepMs, row.trainWarmStepMs, row.trainExamplesPerSec, row.forwardMedianMs])
        expect(figure).toBeGreaterThan(0);
      expect(Number.isFinite(row.trainExamplesPerSec)).toBe(true);
    }
    const progress = of(events, 'progress').at(-1)!;
    expect(progress.done).toBe(progress.total);
    const text = formatBenchMarkdown(null, rows, new Date(0), english);
    expect(text).toContain('## CV course: device benchmark (1970-01-01 00:00 UTC)\n\n- Browser: unknown\n');
    expect(text).toContain(`| Backend | LeNet-5 training, examples/s (batch ${DEVICE_BENCH.batch}) | first step ms |`);
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
    expect(english(describeThreads(wasm))).toMatch(expected);
  });

  it('copies the results as Markdown in the English the page always gave, figures without grouping', () => {
    const report: DeviceReport = {
      backends: [],
      gpuAdapter: {
        vendor: 'Google',
        architecture: 'swiftshader',
        description: '',
        isFallbackAdapter: true,
        limits: {
          maxBufferSize: 1,
          maxStorageBufferBindingSize: 1,
          maxComputeWorkgroupStorageSize: 1,
          maxComputeInvocationsPerWorkgroup: 1,
        },
      },
      wasm: { simd: true, multithread: true, threads: 4, crossOriginIsolated: true, cores: 8 },
      userAgent: 'Agent/1.0',
    };
    const row: BenchRow = {
      backend: 'wasm',
      detail: 'WASM (4 threads)',
      trainFirstStepMs: 812.3,
      trainWarmStepMs: 40.26,
      trainExamplesPerSec: 1234.56,
      forwardFirstMs: 99.6,
      forwardMedianMs: 3.14159,
    };
    expect(formatBenchMarkdown(report, [row], new Date(0), english).split('\n')).toEqual([
      '## CV course: device benchmark (1970-01-01 00:00 UTC)',
      '',
      '- Browser: Agent/1.0',
      "- WASM: SIMD yes; 4 threads for the lessons' code (tfjs-backend-wasm runs its kernels in parallel); the training island uses one, which trains LeNet faster; crossOriginIsolated true; cores 8",
      '- WebGPU adapter: Google, swiftshader (fallback adapter)',
      '',
      `| Backend | LeNet-5 training, examples/s (batch 32) | first step ms | warm-up step ms | ${DEVICE_BENCH.forwardModel} forward ms | first forward ms |`,
      '|---|---:|---:|---:|---:|---:|',
      '| WASM (4 threads) | 1234.6 | 812 | 40.3 | 3.14 | 100 |',
      '',
    ]);
    expect(formatFigure(1234.56, 1, 'ru')).toBe('1234,6');
  });

  it('takes the median, of odd and even counts alike', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
