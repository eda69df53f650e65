/**
 * `npm run bench`: builds the site (or reuses dist/ with --reuse), drives headless Chromium and writes
 * bench/results/latest.json and latest.md. Measures training throughput on every backend the browser offers and
 * for ConvNetJS in the same run, forward latency per architecture and backend, cold start of the LeNet snippet,
 * the JavaScript a lesson page loads before interaction, the build time, and Lighthouse's mobile score of every
 * lesson at the default throttling and at 8× CPU slowdown. Every measurement is tried twice before it is recorded
 * as failed, with its reason, and the others are written all the same.
 * Flags: --reuse (skip the build), --full (more architectures; the lab networks on the GPU backends too), --dawn (see
 * bench-dawn.ts), --only=lab (just the lab networks' training, to lab-training.json), --only=lighthouse (just
 * Lighthouse, merged into the last results), --lighthouse-runs=N (runs per page, default 3), --pages=/cv/cv-04/,…,
 * --out=DIR (instead of bench/results)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Locator, Page } from 'playwright-core';
import { DATASETS } from '../src/runtime/data/dataset-format.ts';
import { BACKENDS, backendLabel, type BackendName } from '../src/runtime/protocol/backends.ts';
import { LENET_SNIPPET, openLeNetIn, replaceCode } from '../tests/helpers/browser.ts';
import {
  convnetjsTraining,
  FORWARD_MODELS,
  FORWARD_MODELS_FULL,
  TFJS_TRAINING,
  TRAINING_WINDOW,
  tfjsForward,
  tfjsLabTraining,
} from './bench-programs.ts';
import { LAB_ARCHITECTURES } from '../src/runtime/protocol/zoo-names.ts';
import { lessonPaths, lighthouseMarkdown, measureLighthouse, mergeIntoLatest } from './bench-lighthouse.ts';
import { nativeLabTraining, nativeTorch } from './bench-native.ts';
import { CHROMIUM, launchChromium, serveDist } from './lib/chromium.ts';
import { asJson, measure, show, valueOf, type Measured } from './lib/measure.ts';

const args = new Set(process.argv.slice(2));
const ROOT = process.cwd();
const DIST = join(ROOT, 'dist');
const log = (...parts: unknown[]) => console.error('[bench]', ...parts);
const flag = (name: string) => [...args].find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const OUT = flag('out') ?? 'bench/results';
const lighthouseRun = (url: string) =>
  measureLighthouse(url, flag('pages')?.split(',') ?? lessonPaths(), Number(flag('lighthouse-runs') ?? 3), log);

if (args.has('--dawn')) {
  await import('./bench-dawn.ts');
  process.exit(0);
}
if (!CHROMIUM) throw new Error('npm run bench needs Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)');

function build(): number | null {
  if (args.has('--reuse') && existsSync(join(DIST, 'index.html'))) return null;
  log('building the site…');
  const start = performance.now();
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    stdio: 'ignore',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('astro build failed; run `npm run build` to see why');
  return (performance.now() - start) / 1000;
}

/** Every measurement that failed twice, and why: latest.md lists them in one place. */
const failures: Record<string, string> = {};

/** One measurement: tried again if it fails, then recorded as failed, so the bench goes on to the next. */
async function step<T>(name: string, fn: () => T | Promise<T>): Promise<Measured<T>> {
  log(`${name}…`);
  const result = await measure(name, fn, { log });
  if ('failed' in result) failures[name] = result.failed;
  return result;
}

let browser: Browser | undefined;
/** The bench's Chromium, started again if it died: one crash costs one try, not the rest of the run. */
async function chromium(): Promise<Browser> {
  if (!browser?.isConnected()) browser = await launchChromium();
  return browser;
}

/** A fresh page (its own context, so no storage carries over), closed however `use` ends. */
async function onPage<T>(use: (page: Page) => Promise<T>): Promise<T> {
  const page = await (await chromium()).newPage();
  try {
    return await use(page);
  } finally {
    await page.close().catch(() => {}); // already gone with its browser: the error that matters is use's
  }
}

/** cv-04's LeNet snippet, woken: its buttons are on the page before they work. */
async function openLeNet(page: Page, url: string): Promise<Locator> {
  const snippet = await openLeNetIn(page, url);
  await page.locator(`${LENET_SNIPPET}[data-ready]`).waitFor();
  return snippet;
}

/**
 * Runs `code` in the LeNet snippet on `backend` as a reader would (edit, pick the backend, Run), through the real
 * runtime. Returns its `BENCH {...}` lines and the badge; throws the error the run reported.
 */
async function runSnippet(url: string, code: string, backend: BackendName, timeoutMs: number) {
  return onPage(async (page) => {
    const snippet = await openLeNet(page, url);
    await replaceCode(page, snippet, code);
    await snippet.locator('select').selectOption(backend);
    await snippet.locator('[data-action="run"]').click();
    await snippet.locator('.course-out__done, .course-out__error').first().waitFor({ timeout: timeoutMs });
    const [error] = await snippet.locator('.course-out__error').allTextContents();
    if (error !== undefined) throw new Error(error);
    // The badge starts with the label of what ran ("WASM (4 threads)"), then says why the choice fell back, if it did.
    const badge = (await snippet.locator('.course-snippet__badge').textContent()) ?? '';
    const lines = await snippet.locator('.course-out__log').allTextContents();
    return {
      badge,
      ranAsAsked: badge.split(' ')[0] === backendLabel(backend),
      results: lines
        .filter((l) => l.startsWith('BENCH '))
        .map((l) => JSON.parse(l.slice(6)) as Record<string, number | string>),
    };
  });
}

async function lessonJsBytes(url: string): Promise<{ bytesGzip: number; files: number }> {
  return onPage(async (page) => {
    const bodies: Promise<Buffer>[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') bodies.push(r.body());
    });
    await page.goto(`${url}/cv/cv-04/`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1000); // idle-time hydration
    const all = await Promise.all(bodies);
    const inline = await page.$$eval('script:not([src])', (s) => s.map((e) => e.textContent ?? ''));
    return {
      bytesGzip: [...all, ...inline.map((t) => Buffer.from(t))].reduce((n, b) => n + gzipSync(b).length, 0),
      files: all.length,
    };
  });
}

/** Run pressed -> first output of the LeNet snippet on a page that never ran anything. */
async function firstOutputMs(page: Page): Promise<number> {
  return page.evaluate((selector) => {
    const snippet = document.querySelector(selector)!;
    const output = snippet.querySelector('.course-snippet__output')!;
    return new Promise<number>((resolve, reject) => {
      const start = performance.now();
      new MutationObserver((_, observer) => {
        if (output.querySelector('.course-out__summary, .course-out__log, .course-out__error')) {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      }).observe(output, { childList: true, subtree: true });
      setTimeout(() => reject(new Error('no output within 120 s')), 120_000);
      (snippet.querySelector('[data-action="run"]') as HTMLButtonElement).click();
    });
  }, LENET_SNIPPET);
}

/**
 * Cold start (the page's first run: worker, tfjs and backend all start), and a rerun: every run of reader code
 * gets a fresh worker (a clean realm), started and warmed while the reader reads the previous output.
 */
async function coldStart(url: string): Promise<{ coldMs: number; rerunMs: number }> {
  return onPage(async (page) => {
    await openLeNet(page, url);
    const coldMs = await firstOutputMs(page);
    await page.locator(`${LENET_SNIPPET} .course-out__done`).waitFor({ timeout: 120_000 });
    await page.waitForTimeout(2000); // a reader reading the output; the spare worker warms meanwhile
    return { coldMs, rerunMs: await firstOutputMs(page) };
  });
}

/**
 * The explorer: a layer selected -> its feature maps drawn, on WASM. First: the explorer's first use (worker, tfjs
 * and WASM start); again: another layer of the same model.
 */
async function explorerMs(
  url: string,
  model: string,
  size: string,
  layers: [string, string],
): Promise<{ firstMs: number; againMs: number }> {
  return onPage(async (page) => {
    await page.goto(`${url}/cv/cv-04/`);
    const explorer = page.locator('architecture-explorer');
    await explorer.scrollIntoViewIfNeeded();
    await explorer.locator('select[name="backend"]').selectOption('wasm');
    await page.locator('architecture-explorer[data-ready]').waitFor(); // its code loaded on that first use
    if (model !== 'lenet5') {
      await explorer.locator('select[name="model"]').selectOption(model);
      await explorer.locator('select[name="size"]').selectOption(size);
      await explorer.locator(`button[data-layer="${layers[0]}"]`).waitFor({ state: 'attached', timeout: 120_000 });
    }
    const time = async (layer: string) => {
      const start = Date.now();
      await explorer.locator(`button[data-layer="${layer}"]`).evaluate((b: HTMLElement) => b.click());
      await explorer
        .locator('[data-feature-maps] .course-out__gallery', { hasText: `${layer}:` })
        .first()
        .waitFor({ timeout: 120_000 });
      return Date.now() - start;
    };
    const firstMs = await time(layers[0]);
    await explorer.locator('[data-feature-maps] .course-out__done').waitFor({ timeout: 120_000 });
    return { firstMs, againMs: await time(layers[1]) };
  });
}

/**
 * The digit pad: pen lifted -> the reading of that drawing shown, with the shipped LeNet-5 (auto backend).
 * First: the pad's first use (worker, tfjs and the network's files load); again: the next drawing.
 */
async function padMs(url: string): Promise<{ firstMs: number; againMs: number }> {
  return onPage(async (page) => {
    await page.goto(`${url}/cv/cv-04/`);
    const pad = page.locator('[data-digit-pad]');
    const canvas = pad.locator('canvas[data-pad-canvas]');
    await canvas.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await pad.locator('[data-action="clear"]').click();
    await page.locator('[data-digit-pad][data-ready]').waitFor();
    const draw = async () => {
      await pad.locator('[data-action="clear"]').click();
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + 0.5 * box.width, box.y + 0.15 * box.height);
      await page.mouse.down();
      await page.mouse.move(box.x + 0.5 * box.width, box.y + 0.85 * box.height, { steps: 10 });
      const start = Date.now();
      await page.mouse.up();
      await pad.locator('[data-prediction][data-current]').waitFor({ timeout: 120_000 });
      return Date.now() - start;
    };
    const firstMs = await draw();
    return { firstMs, againMs: await draw() };
  });
}

/** One row of the training table: examples/s, or null where the backend is not available here (`ranOn` says why). */
type TrainingRow = { examplesPerSec: number | null; ranOn: string };

async function convnetjs(url: string): Promise<TrainingRow> {
  return onPage(async (page) => {
    await page.goto(`${url}/`);
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('convnetjs/build/convnet.js') });
    const result = await page.evaluate(convnetjsTraining, {
      ...TRAINING_WINDOW,
      imagesUrl: `${url}/${DATASETS.mnist.imagesPath}`,
      labelsUrl: `${url}/${DATASETS.mnist.labelsPath}`,
    });
    return { examplesPerSec: result.examplesPerSec, ranOn: 'main thread' };
  });
}

async function tfjsTraining(url: string, backend: BackendName, code = TFJS_TRAINING): Promise<TrainingRow> {
  const run = await runSnippet(url, code, backend, 600_000);
  // A backend that fell back (e.g. no WebGPU adapter) is reported as unavailable, not under the wrong name.
  if (!run.ranAsAsked) return { examplesPerSec: null, ranOn: `not available: ${run.badge}` };
  const examplesPerSec = Number(run.results[0]?.examplesPerSec);
  if (!(examplesPerSec > 0)) throw new Error('the run printed no BENCH line');
  return { examplesPerSec, ranOn: run.badge };
}

async function tfjsForwardMs(url: string, model: string, backend: BackendName) {
  const run = await runSnippet(url, tfjsForward([model]), backend, 600_000);
  if (!run.ranAsAsked) throw new Error(`ran elsewhere: ${run.badge}`);
  const [r] = run.results;
  if (!r) throw new Error('the run printed no BENCH line');
  return { ms: Number(r.ms), gflops: (2 * Number(r.macs)) / (Number(r.ms) / 1000) / 1e9 };
}

// Formatting, for every table (the --only modes print theirs before the full run's).
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? a / b : null);
const fmt = (v: number | null | undefined, digits = 0) => (v == null || !Number.isFinite(v) ? '—' : v.toFixed(digits));

// The architecture lab's networks: WASM threaded and one thread (the lab's kept worker trains with one), the GPU
// backends with --full, and native PyTorch for the same network, batch and window.
const labBackends = args.has('--full') ? BACKENDS.filter((b) => b !== 'cpu') : (['wasm'] as const);
type LabRunner = Measured<TrainingRow | Awaited<ReturnType<typeof nativeLabTraining>>>;
const labTraining: Record<string, Record<string, LabRunner>> = {};
async function measureLabTraining(url: string, singleUrl: string) {
  for (const name of LAB_ARCHITECTURES) {
    const row: Record<string, LabRunner> = (labTraining[name] = {});
    for (const backend of labBackends)
      row[backend] = await step(`lab training: ${name} on ${backend}`, () =>
        tfjsTraining(url, backend, tfjsLabTraining(name)),
      );
    row.wasmOneThread = await step(`lab training: ${name} on wasm, one thread`, () =>
      tfjsTraining(singleUrl, 'wasm', tfjsLabTraining(name)),
    );
  }
}
/** After the browser's runs (native PyTorch takes the same cores). */
async function measureLabNative() {
  for (const name of LAB_ARCHITECTURES)
    labTraining[name]!.native = await step(`lab training: ${name}, native PyTorch`, () => nativeLabTraining(name));
}

/** Examples/s of one runner of a lab network, or null. */
const labRate = (name: string, runner: string) => {
  const v = valueOf(labTraining[name]?.[runner]) as { examplesPerSec?: number | null } | undefined;
  return v?.examplesPerSec ?? null;
};
function labMarkdown(): string[] {
  const runners = [...labBackends, 'wasmOneThread'];
  return [
    `## Training the architecture lab's networks: 28×28×1 MNIST, batch ${TRAINING_WINDOW.batch}, SGD with momentum, the window above`,
    '',
    "Native PyTorch trains the same network, rebuilt from the zoo's own topology (scripts/lib/keras-to-torch.py), on random inputs of the same shape; ratios are the browser's rate over native's, measured in this run.",
    '',
    `| Network | ${runners.join(' | ')} | native PyTorch | threaded WASM × native |`,
    `|---|${runners.map(() => '---:').join('|')}|---:|---:|`,
    ...LAB_ARCHITECTURES.map(
      (name) =>
        `| ${name} | ${runners.map((r) => fmt(labRate(name, r))).join(' | ')} | ${fmt(labRate(name, 'native'))} | ${fmt(ratio(labRate(name, 'wasm'), labRate(name, 'native')), 2)} |`,
    ),
    '',
    `Target (issue 22): ResNet-20 on WASM at 0.5× native PyTorch or better; this run: ${fmt(ratio(labRate('resnet20-cifar', 'wasm'), labRate('resnet20-cifar', 'native')), 2)}×.`,
    '',
  ];
}

const buildSeconds = build();
const server = await serveDist(DIST);
mkdirSync(OUT, { recursive: true });
if (flag('only') === 'lighthouse') {
  const section = mergeIntoLatest(await lighthouseRun(server.url), OUT);
  server.stop();
  console.log(section);
  process.exit(0);
}
// The same build served without cross-origin isolation (as a host that sets no headers would): tfjs's
// single-threaded SIMD WASM, the `wasmOneThread` runs.
const single = await serveDist(DIST, 0, { isolated: false });
const date = new Date().toISOString();
if (flag('only') === 'lab') {
  await measureLabTraining(server.url, single.url);
  await browser?.close();
  [server, single].forEach((s) => s.stop());
  await measureLabNative();
  const file = join(OUT, 'lab-training.json');
  writeFileSync(file, `${JSON.stringify({ date, cpus: cpus().length, labTraining, failed: failures }, null, 2)}\n`);
  console.log(labMarkdown().join('\n'));
  process.exit(0);
}

const js = await step('JavaScript before interaction', () => lessonJsBytes(server.url));
const cold = await step('cold start', () => coldStart(server.url));
const explorer = {
  lenet5: await step('explorer: lenet5', () => explorerMs(server.url, 'lenet5', '28', ['c3', 'c1'])),
  resnet18: await step('explorer: resnet18', () =>
    explorerMs(server.url, 'resnet18', '224', ['conv3_block1_out', 'conv4_block1_out']),
  ),
};
const pad = await step('digit pad', () => padMs(server.url));

const training: Record<string, Measured<TrainingRow>> = {};
training.convnetjs = await step('training: convnetjs', () => convnetjs(server.url));
for (const backend of BACKENDS)
  training[backend] = await step(`training: ${backend}`, () => tfjsTraining(server.url, backend));
// One thread is how the site trains (WASM_THREADS: the trainer's worker), so it is the row to read against ConvNetJS.
training.wasmOneThread = await step('training: wasm, one thread', () => tfjsTraining(single.url, 'wasm'));

const models = args.has('--full') ? FORWARD_MODELS_FULL : FORWARD_MODELS;
const forward: Record<string, Partial<Record<BackendName, Measured<{ ms: number; gflops: number }>>>> = {};
for (const backend of BACKENDS) {
  if (valueOf(training[backend])?.examplesPerSec === null) continue; // not available here
  for (const model of models)
    (forward[model] ??= {})[backend] = await step(`forward: ${model} on ${backend}`, () =>
      tfjsForwardMs(server.url, model, backend),
    );
}
const singleForward = await step('forward: resnet18 on wasm, one thread', () =>
  tfjsForwardMs(single.url, 'resnet18', 'wasm'),
);
await measureLabTraining(server.url, single.url);
single.stop();
const machine = { cpus: cpus().length, chromium: browser?.version() ?? null, date };
await browser?.close();

/** Threaded against single-threaded WASM, in the same run: the figures above, side by side. */
const rate = (runner: string) => valueOf(training[runner])?.examplesPerSec ?? null;
const resnet18Ms = (m: Measured<{ ms: number }> | undefined) => valueOf(m)?.ms ?? null;
const threadedRun = valueOf(training.wasm);
const wasmThreads = {
  threads: threadedRun ? Number(/(\d+) threads?/.exec(threadedRun.ranOn)?.[1] ?? 1) : null,
  backend: { threaded: threadedRun?.ranOn ?? null, single: valueOf(training.wasmOneThread)?.ranOn ?? null },
  forward: { resnet18: { singleMs: resnet18Ms(singleForward), threadedMs: resnet18Ms(forward.resnet18?.wasm) } },
  training: { singleExamplesPerSec: rate('wasmOneThread'), threadedExamplesPerSec: rate('wasm') },
};

log('Lighthouse (mobile), every lesson…');
const lighthouse = await lighthouseRun(server.url);
server.stop();
const native = await step('native PyTorch', nativeTorch);
await measureLabNative();

const results = {
  machine,
  buildSeconds,
  lessonJs: asJson(js),
  coldStart: asJson(cold),
  explorer: { lenet5: asJson(explorer.lenet5), resnet18: asJson(explorer.resnet18) },
  pad: asJson(pad),
  training: Object.fromEntries(
    Object.entries(training).map(([runner, m]) => [
      runner,
      'value' in m ? { ...m.value, ratioToConvnetjs: ratio(m.value.examplesPerSec, rate('convnetjs')) } : m,
    ]),
  ),
  forward: Object.fromEntries(
    Object.entries(forward).map(([model, row]) => [
      model,
      Object.fromEntries(Object.entries(row).map(([b, m]) => [b, asJson(m)])),
    ]),
  ),
  wasmThreads,
  native: asJson(native),
  labTraining: Object.fromEntries(
    Object.entries(labTraining).map(([name, row]) => [
      name,
      Object.fromEntries(Object.entries(row).map(([runner, m]) => [runner, asJson(m)])),
    ]),
  ),
  settings: TRAINING_WINDOW,
  lighthouse,
  failed: failures,
};
writeFileSync(join(OUT, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);

const speedUp = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}×`);
const threaded = wasmThreads.training.threadedExamplesPerSec;
const nativeLine = (n = valueOf(native)) =>
  !n
    ? 'Native PyTorch: failed.'
    : n.available
      ? `Native PyTorch ${n.version} on the same ${machine.cpus} cores: ResNet-18 forward ${fmt(n.resnet18Ms, 1)} ms (browser ${fmt(ratio(wasmThreads.forward.resnet18.threadedMs, n.resnet18Ms), 2)}× its time); the LeNet-style CNN's sustained training ${fmt(n.examplesPerSec)} examples/s (browser ${fmt(ratio(threaded, n.examplesPerSec), 2)}× its rate).`
      : `Native PyTorch: not measured (${n.reason}).`;
const failedList = Object.entries(failures);
const md = [
  `# Benchmark (${machine.date.slice(0, 10)}, ${machine.cpus} CPUs, Chromium ${machine.chromium ?? '(did not start)'})`,
  '',
  `- Build: ${buildSeconds === null ? 'reused dist/' : `${buildSeconds.toFixed(1)} s`}`,
  `- JavaScript a lesson page (cv-04) loads before interaction: ${show(js, (j) => `${(j.bytesGzip / 1024).toFixed(1)} KB gzip in ${j.files} files`)}`,
  `- Cold start, Run pressed -> first output of the LeNet snippet: ${show(cold, (c) => `${c.coldMs.toFixed(0)} ms`)}`,
  `- Run again (a fresh, pre-warmed worker): ${show(cold, (c) => `${c.rerunMs.toFixed(0)} ms, ${(c.rerunMs / c.coldMs).toFixed(2)}× cold start`)}`,
  ...Object.entries(explorer).map(
    ([model, m]) =>
      `- Explorer on WASM, layer selected -> its feature maps drawn, ${model}: ${show(m, (t) => `${t.firstMs} ms on first use (worker start), ${t.againMs} ms for another layer`)}`,
  ),
  `- Digit pad, pen lifted -> its reading shown (shipped LeNet-5): ${show(pad, (p) => `${p.firstMs} ms on first use, ${p.againMs} ms for the next drawing`)}`,
  '',
  ...(failedList.length
    ? ['## Failed measurements (each tried twice)', '', ...failedList.map(([name, why]) => `- ${name}: ${why}`), '']
    : []),
  `## Sustained training: the bench's LeNet-style CNN on MNIST, batch ${TRAINING_WINDOW.batch}, timed for at least ${TRAINING_WINDOW.minSteps} batches and ${TRAINING_WINDOW.minSeconds} s after ${TRAINING_WINDOW.warmup} warm-up batches`,
  '',
  "ReLU, max-pooling and SGD with momentum, the same network in ConvNetJS and PyTorch. Not the device page's LeNet-5 training figure, which trains the zoo's LeNet-5 with Adam in short rounds.",
  '',
  '| Runner | examples/s | × ConvNetJS | ran on |',
  '|---|---:|---:|---|',
  ...Object.entries(training).map(([runner, m]) => {
    const v = valueOf(m);
    const times = runner === 'convnetjs' ? '1.00' : fmt(ratio(v?.examplesPerSec, rate('convnetjs')), 2);
    return `| ${runner} | ${fmt(v?.examplesPerSec)} | ${v ? times : '—'} | ${show(m, (t) => t.ranOn)} |`;
  }),
  '',
  `## WASM: ${wasmThreads.threads ?? '—'} threads against 1 (same build, served with and without cross-origin isolation)`,
  '',
  '| | 1 thread | threaded | speed-up |',
  '|---|---:|---:|---:|',
  `| ResNet-18 forward, batch 1 (ms) | ${fmt(wasmThreads.forward.resnet18.singleMs, 1)} | ${fmt(wasmThreads.forward.resnet18.threadedMs, 1)} | ${speedUp(ratio(wasmThreads.forward.resnet18.singleMs, wasmThreads.forward.resnet18.threadedMs))} |`,
  `| LeNet-style CNN training, sustained (examples/s) | ${fmt(wasmThreads.training.singleExamplesPerSec)} | ${fmt(threaded)} | ${speedUp(ratio(threaded, wasmThreads.training.singleExamplesPerSec))} |`,
  '',
  nativeLine(),
  '',
  ...labMarkdown(),
  '## Forward latency at batch 1 (median ms; GFLOP/s)',
  '',
  `| Model | ${BACKENDS.join(' | ')} |`,
  `|---|${BACKENDS.map(() => '---:').join('|')}|`,
  ...models.map(
    (name) =>
      `| ${name} | ${BACKENDS.map((b) => {
        const m = forward[name]?.[b];
        return m ? show(m, (f) => `${f.ms.toFixed(1)} (${f.gflops.toFixed(1)})`) : '—';
      }).join(' | ')} |`,
  ),
  '',
  ...lighthouseMarkdown(lighthouse),
].join('\n');
writeFileSync(join(OUT, 'latest.md'), md);
console.log(md);
