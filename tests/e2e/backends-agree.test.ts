// The four backends agree. The zoo's small variants, with the same fixed weights and input, run through the site's
// own run worker (the built bundle, the protocol's `run` request, the snippet program) on WebGPU (SwiftShader),
// WebGL (SwiftShader), WASM and CPU in Chromium; every output must match CPU's within TOLERANCE, so a backend bug
// cannot pass for a wrong lesson. A control run with one weight nudged must fail the same comparison.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BACKENDS, type BackendName, type WorkerEvent } from '~/runtime/protocol';
import { CHROMIUM, servedSite } from '../helpers/browser';
import { DIST } from '../helpers/site';
import { english } from '../helpers/words';
import { ZOO_TABLE } from '../helpers/zoo-table';

/**
 * Models that build and run in seconds on every backend, software GPUs included: LeNet-5 (both), a CIFAR ResNet,
 * the deepest small network (164 layers: errors compound) and a depthwise MobileNet. ResNet-18, AlexNet and VGG's
 * small variants keep 11M-130M weights, which take minutes to upload four times and run on SwiftShader.
 */
const MODELS = ['lenet5', 'lenet5-1998', 'resnet20-cifar', 'preact-resnet164-cifar', 'mobilenet-v1'];
const VARIANTS = MODELS.map((name) => {
  const small = ZOO_TABLE.find(([n]) => n === name)?.[5];
  if (!small) throw new Error(`${name} has no small variant in the zoo table`);
  return { name, ...small };
});

/**
 * float32 rounds each operation to about 6e-8 relative; the backends sum in different orders (tiled matmuls, packed
 * WebGL convolutions, fused bias + activation kernels) and the differences grow with depth. Measured in Chromium on
 * SwiftShader: at most 1.8e-5 relative (resnet20-cifar on WebGL; WebGL does render to float32 textures there, which
 * the test checks, so no half-float rounding is involved). 1e-4 leaves five times that noise, and still catches a
 * single LeNet-5 weight off by 0.01 (the control below, 1.7e-4). Real GPUs with other float paths may need more.
 */
const TOLERANCE = { relative: 1e-4, absolute: 1e-6 };

/** The snippet every backend runs: fixed weights from a formula (no RNG: each run is a fresh worker), fixed input. */
function agreementSnippet(nudge: boolean): string {
  return `import * as tf from '@tensorflow/tfjs';
import { zoo } from 'course';

const wave = (n: number, phase: number) => Float32Array.from({ length: n }, (_, j) => Math.sin(j * 0.731 + phase));
for (const { name, inputShape, classes, batch, widthMultiplier } of ${JSON.stringify(VARIANTS)}) {
  const model = zoo(name, { inputShape, classes, widthMultiplier });
  model.weights.forEach((w, i) => {
    const trainable = w.trainable;
    if (!trainable && !/moving_(mean|variance)/.test(w.name)) return; // e.g. LeNet-1998's fixed prototypes
    const n = w.shape.reduce((a, b) => a * (b as number), 1) as number;
    const fanIn = w.shape.length > 1 ? n / (w.shape[w.shape.length - 1] as number) : 1;
    const v = wave(n, i * 1.3);
    const unit = /gamma|moving_variance/.test(w.name);
    for (let j = 0; j < n; j++) v[j] = unit ? 1 + 0.1 * v[j] : w.shape.length > 1 ? v[j] * Math.sqrt(3 / fanIn) : 0.1 * v[j];
    ${nudge ? "if (i === 0 && name === 'lenet5') v[0] += 0.01; // the control: one weight nudged" : ''}
    const t = tf.tensor(v, w.shape as number[]);
    w.write(t);
    t.dispose();
  });
  const x = tf.tensor(wave(batch * inputShape.reduce((a, b) => a * b, 1), 0.5), [batch, ...inputShape]);
  const y = model.predict(x) as tf.Tensor;
  console.log('AGREE ' + JSON.stringify({ name, values: Array.from(await y.data()) })); // one line each: logs are cut at 2,000 characters
  tf.dispose([x, y]);
  model.dispose();
}
const flags = tf.getBackend() === 'webgl' ? { float32: tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED') } : {};
console.log('BACKEND ' + JSON.stringify({ backend: tf.getBackend(), flags }));
`;
}

interface Outputs {
  backend: string;
  detail: string;
  flags: { float32?: boolean };
  out: Record<string, number[]>;
}

/** Runs `code` in a fresh copy of the site's run worker on `backend`, as client.ts would, and returns what it printed. */
async function runInSiteWorker(page: Page, workerUrl: string, code: string, backend: BackendName): Promise<Outputs> {
  const events = await page.evaluate(
    ({ workerUrl, code, backend, baseUrl }) =>
      new Promise<WorkerEvent[]>((resolve, reject) => {
        const worker = new Worker(workerUrl, { type: 'module' });
        const seen: WorkerEvent[] = [];
        worker.onerror = (e) => reject(new Error(`the worker failed: ${e.message}`));
        worker.onmessage = (e: MessageEvent<WorkerEvent>) => {
          seen.push(e.data);
          if (e.data.type === 'done' || e.data.type === 'error') {
            worker.terminate();
            resolve(seen);
          }
        };
        worker.postMessage({ type: 'run', runId: 1, code, backend, baseUrl });
      }),
    { workerUrl, code, backend, baseUrl: `${new URL(page.url()).origin}/` },
  );
  const failed = events.find((e) => e.type === 'error');
  if (failed) throw new Error(`${backend}: ${failed.message}`);
  const chosen = events.find((e) => e.type === 'backend');
  const lines = events.flatMap((e) => (e.type === 'log' ? e.parts.map((p) => (p.kind === 'text' ? p.text : '')) : []));
  const header = lines.find((t) => t.startsWith('BACKEND '));
  if (!chosen || !header) throw new Error(`${backend}: no output`);
  const out = Object.fromEntries(
    lines
      .filter((t) => t.startsWith('AGREE '))
      .map((t) => JSON.parse(t.slice('AGREE '.length)) as { name: string; values: number[] })
      .map(({ name, values }) => [name, values]),
  );
  return {
    ...(JSON.parse(header.slice('BACKEND '.length)) as Pick<Outputs, 'backend' | 'flags'>),
    out,
    detail: english(chosen.detail),
  };
}

/** The largest excess over the tolerance of `actual` against `expected` (<= 1 agrees), and the largest relative error. */
function disagreement(actual: number[], expected: number[]): { worst: number; relative: number } {
  if (actual.length !== expected.length) return { worst: Infinity, relative: Infinity };
  let worst = 0;
  let relative = 0;
  actual.forEach((a, i) => {
    const b = expected[i]!;
    const diff = Math.abs(a - b);
    worst = Math.max(
      worst,
      Number.isFinite(a) ? diff / (TOLERANCE.absolute + TOLERANCE.relative * Math.abs(b)) : Infinity,
    );
    relative = Math.max(relative, diff / Math.max(Math.abs(b), TOLERANCE.absolute));
  });
  return { worst, relative };
}

describe.skipIf(!CHROMIUM)('the backends agree', () => {
  const site = servedSite();
  const workerFile = readdirSync(join(DIST, '_astro')).find((f) => /^worker-[\w-]+\.js$/.test(f));

  it(`on ${MODELS.join(', ')}: WebGPU, WebGL and WASM match CPU within ${TOLERANCE.relative} relative`, async () => {
    expect(workerFile, 'the built run worker').toBeDefined();
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/device/`);
    const workerUrl = `${site.url}/_astro/${workerFile}`;
    const results = new Map<BackendName, Outputs>();
    for (const backend of BACKENDS)
      results.set(backend, await runInSiteWorker(page, workerUrl, agreementSnippet(false), backend));
    const cpu = results.get('cpu')!;
    const report: string[] = [];
    for (const backend of BACKENDS) {
      const result = results.get(backend)!;
      // An explicit backend falls back only if it cannot start: here each must really have run.
      expect(result.backend, `${backend} ran as ${result.detail}`).toBe(backend);
      for (const name of MODELS) {
        expect(result.out[name]!.every(Number.isFinite), `${backend} ${name}: finite`).toBe(true);
        const { worst, relative } = disagreement(result.out[name]!, cpu.out[name]!);
        report.push(`${result.detail} ${name}: max relative error ${relative.toExponential(1)}`);
        expect(worst, `${backend} ${name} against cpu (max relative error ${relative})`).toBeLessThanOrEqual(1);
      }
    }
    expect(results.get('webgl')!.flags.float32, 'WebGL renders to float32 textures').toBe(true);
    console.log(report.join('\n'));

    // The control: one LeNet-5 weight nudged by 0.01 on WASM must disagree with CPU, or the comparison sees nothing.
    const nudged = await runInSiteWorker(page, workerUrl, agreementSnippet(true), 'wasm');
    expect(disagreement(nudged.out['lenet5']!, cpu.out['lenet5']!).worst).toBeGreaterThan(1);
    expect(disagreement(nudged.out['resnet20-cifar']!, cpu.out['resnet20-cifar']!).worst).toBeLessThanOrEqual(1);
    await page.close();
  }, 180_000); // 35-70 s on two shared cores; the margin is for a busy machine
});
