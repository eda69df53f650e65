/**
 * `npm run bench`: builds the site (or reuses dist/ with --reuse), drives headless Chromium and writes
 * bench/results/latest.json and latest.md. Measures training throughput on every backend the browser offers and
 * for ConvNetJS in the same run, forward latency per architecture and backend, cold start of the LeNet snippet,
 * the JavaScript a lesson page loads before interaction, the build time, and Lighthouse's mobile score of every lesson.
 * Flags: --reuse (skip the build), --full (more architectures), --dawn (see bench-dawn.ts), --only=lighthouse (just
 * Lighthouse, merged into the last results), --lighthouse-runs=N (runs per page, default 3), --pages=/cv/cv-04/,…
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { MNIST_IMAGES_PATH, MNIST_LABELS_PATH } from '../src/runtime/data/mnist-format.ts';
import {
  convnetjsTraining,
  FORWARD_MODELS,
  FORWARD_MODELS_FULL,
  TFJS_TRAINING,
  TRAINING_WINDOW,
  tfjsForward,
} from './bench-programs.ts';
import { lessonPaths, lighthouseMarkdown, measureLighthouse, mergeIntoLatest } from './bench-lighthouse.ts';
import { nativeTorch } from './bench-native.ts';
import { CHROMIUM, launchChromium, serveDist } from './lib/chromium.ts';

const args = new Set(process.argv.slice(2));
const ROOT = process.cwd();
const DIST = join(ROOT, 'dist');
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const SNIPPET = 'course-snippet[data-snippet-id="cv-04/lenet-5"]';
const log = (...parts: unknown[]) => console.error('[bench]', ...parts);
const flag = (name: string) => [...args].find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
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

/** Opens cv-04 with `code` stored as the reader's edit of the LeNet snippet, so Run runs it through the real runtime. */
async function openWithCode(browser: Browser, url: string, code: string | null): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(
    ([key, value]) => (value === null ? localStorage.removeItem(key!) : localStorage.setItem(key!, value)),
    ['cv-course:snippet:cv-04/lenet-5', code] as const,
  );
  await page.goto(`${url}/cv/cv-04/`);
  await page.locator(SNIPPET).scrollIntoViewIfNeeded();
  // Snippets wake as they near the viewport: wait for this one's element to be set up.
  await page.locator(`${SNIPPET}[data-ready] [data-action="run"]`).waitFor();
  return page;
}

/** Runs the snippet on one backend and returns its `BENCH {...}` lines, or the error it reported. */
async function runSnippet(browser: Browser, url: string, code: string, backend: string, timeoutMs: number) {
  const page = await openWithCode(browser, url, code);
  try {
    await page.locator(`${SNIPPET} select`).selectOption(backend);
    await page.locator(`${SNIPPET} [data-action="run"]`).click();
    await page
      .locator(`${SNIPPET} .course-out__done, ${SNIPPET} .course-out__error`)
      .first()
      .waitFor({ timeout: timeoutMs });
    const badge = (await page.locator(`${SNIPPET} .course-snippet__badge`).textContent()) ?? '';
    const error = (await page.locator(`${SNIPPET} .course-out__error`).allTextContents())[0] ?? null;
    const lines = await page.locator(`${SNIPPET} .course-out__log`).allTextContents();
    const results = lines
      .filter((l) => l.startsWith('BENCH '))
      .map((l) => JSON.parse(l.slice(6)) as Record<string, number | string>);
    return { badge, error, results };
  } catch (e) {
    return {
      badge: '',
      error: `did not finish within ${timeoutMs / 1000} s (${(e as Error).message.split('\n')[0]})`,
      results: [],
    };
  } finally {
    await page.close();
  }
}

async function lessonJsBytes(browser: Browser, url: string): Promise<{ bytes: number; files: number }> {
  const page = await browser.newPage();
  const bodies: Promise<Buffer>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') bodies.push(r.body());
  });
  await page.goto(`${url}/cv/cv-04/`, { waitUntil: 'networkidle' });
  await page.waitForTimeout(1000); // idle-time hydration
  const all = await Promise.all(bodies);
  const inline = await page.$$eval('script:not([src])', (s) => s.map((e) => e.textContent ?? ''));
  await page.close();
  return {
    bytes: [...all, ...inline.map((t) => Buffer.from(t))].reduce((n, b) => n + gzipSync(b).length, 0),
    files: all.length,
  };
}

/** Run pressed -> first output of the LeNet snippet on a page that never ran anything. */
async function firstOutputMs(page: Page): Promise<number> {
  return page.evaluate((selector) => {
    const snippet = document.querySelector(selector)!;
    const output = snippet.querySelector('.course-snippet__output')!;
    return new Promise<number>((resolve) => {
      const start = performance.now();
      new MutationObserver((_, observer) => {
        if (output.querySelector('.course-out__summary, .course-out__log, .course-out__error')) {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      }).observe(output, { childList: true, subtree: true });
      (snippet.querySelector('[data-action="run"]') as HTMLButtonElement).click();
    });
  }, SNIPPET);
}

/**
 * Cold start (the page's first run: worker, tfjs and backend all start), and a rerun: every run of reader code
 * gets a fresh worker (a clean realm), started and warmed while the reader reads the previous output.
 */
async function coldStart(browser: Browser, url: string): Promise<{ coldMs: number; rerunMs: number }> {
  const page = await openWithCode(browser, url, null);
  const coldMs = await firstOutputMs(page);
  await page.locator(`${SNIPPET} .course-out__done`).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(2000); // a reader reading the output; the spare worker warms meanwhile
  const rerunMs = await firstOutputMs(page);
  await page.close();
  return { coldMs, rerunMs };
}

/**
 * The explorer: a layer selected -> its feature maps drawn, on WASM. First: the explorer's first use (worker, tfjs
 * and WASM start); again: another layer of the same model.
 */
async function explorerMs(
  browser: Browser,
  url: string,
  model: string,
  size: string,
  layers: [string, string],
): Promise<{ firstMs: number; againMs: number }> {
  const page = await browser.newPage();
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
  const againMs = await time(layers[1]);
  await page.close();
  return { firstMs, againMs };
}

/**
 * The digit pad: pen lifted -> the reading of that drawing shown, with the shipped LeNet-5 (auto backend).
 * First: the pad's first use (worker, tfjs and the network's files load); again: the next drawing.
 */
async function padMs(browser: Browser, url: string): Promise<{ firstMs: number; againMs: number }> {
  const page = await browser.newPage();
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
  const againMs = await draw();
  await page.close();
  return { firstMs, againMs };
}

async function convnetjs(browser: Browser, url: string): Promise<number> {
  const page = await browser.newPage();
  await page.goto(`${url}/`);
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('convnetjs/build/convnet.js') });
  const result = await page.evaluate(convnetjsTraining, {
    ...TRAINING_WINDOW,
    imagesUrl: `${url}/${MNIST_IMAGES_PATH}`,
    labelsUrl: `${url}/${MNIST_LABELS_PATH}`,
  });
  await page.close();
  return result.examplesPerSec;
}

const buildSeconds = build();
const server = await serveDist(DIST);
if (flag('only') === 'lighthouse') {
  const section = mergeIntoLatest(await lighthouseRun(server.url));
  server.stop();
  console.log(section);
  process.exit(0);
}
const browser = await launchChromium();
const machine = {
  cpus: (await import('node:os')).cpus().length,
  chromium: browser.version(),
  date: new Date().toISOString(),
};

log('JavaScript before interaction, cold start…');
const js = await lessonJsBytes(browser, server.url);
const { coldMs: coldStartMs, rerunMs } = await coldStart(browser, server.url);

log('explorer…');
const explorer = {
  lenet5: await explorerMs(browser, server.url, 'lenet5', '28', ['c3', 'c1']),
  resnet18: await explorerMs(browser, server.url, 'resnet18', '224', ['conv3_block1_out', 'conv4_block1_out']),
};

const pad = await padMs(browser, server.url);

log('training: ConvNetJS…');
const training: Record<
  string,
  { examplesPerSec: number | null; ratioToConvnetjs?: number | null; backend?: string; error?: string | null }
> = {};
training.convnetjs = { examplesPerSec: await convnetjs(browser, server.url) };
for (const backend of BACKENDS) {
  log(`training: ${backend}…`);
  const run = await runSnippet(browser, server.url, TFJS_TRAINING, backend, 300_000);
  const eps = run.results[0]?.examplesPerSec as number | undefined;
  // A backend that fell back (e.g. no WebGPU adapter) is reported as unavailable, not under the wrong name.
  const ranOn = run.badge.split(' ')[0]?.toLowerCase() ?? '';
  const fellBack = !ranOn.startsWith(backend === 'webgpu' ? 'webgpu' : backend === 'webgl' ? 'webgl' : backend);
  training[backend] = {
    examplesPerSec: eps && !fellBack ? eps : null,
    ratioToConvnetjs: eps && !fellBack ? eps / training.convnetjs.examplesPerSec! : null,
    backend: run.badge,
    error: run.error ?? (fellBack ? `not available: ${run.badge}` : null),
  };
}

log('forward latency…');
const models = args.has('--full') ? FORWARD_MODELS_FULL : FORWARD_MODELS;
const forward: Record<string, Record<string, { ms: number; gflops: number } | null>> = {};
for (const backend of BACKENDS) {
  if (training[backend]?.examplesPerSec === null && backend !== 'cpu') continue;
  const run = await runSnippet(browser, server.url, tfjsForward(models), backend, 600_000);
  for (const r of run.results) {
    const name = String(r.name);
    forward[name] ??= {};
    forward[name][backend] = { ms: Number(r.ms), gflops: (2 * Number(r.macs)) / (Number(r.ms) / 1000) / 1e9 };
  }
}

/**
 * Threaded against single-threaded WASM, in the same run: the same build served without cross-origin isolation
 * (as a host that sets no headers would) runs tfjs's single-threaded SIMD binary.
 */
log('WASM threads: single-threaded (no isolation)…');
const single = await serveDist(DIST, 0, { isolated: false });
const singleForward = await runSnippet(browser, single.url, tfjsForward(['resnet18']), 'wasm', 600_000);
const singleTraining = await runSnippet(browser, single.url, TFJS_TRAINING, 'wasm', 300_000);
single.stop();
const wasmThreads = {
  threads: Number(/(\d+) threads?/.exec(training.wasm?.backend ?? '')?.[1] ?? 1),
  backend: { threaded: training.wasm?.backend ?? null, single: singleTraining.badge },
  forward: {
    resnet18: {
      singleMs: Number(singleForward.results.find((r) => r.name === 'resnet18')?.ms ?? NaN),
      threadedMs: forward.resnet18?.wasm?.ms ?? NaN,
    },
  },
  training: {
    singleExamplesPerSec: Number(singleTraining.results[0]?.examplesPerSec ?? NaN),
    threadedExamplesPerSec: training.wasm?.examplesPerSec ?? NaN,
  },
};

// One thread is how the site trains (WASM_THREADS: the trainer's worker), so it is the row to read against ConvNetJS.
training.wasmOneThread = {
  examplesPerSec: wasmThreads.training.singleExamplesPerSec || null,
  ratioToConvnetjs: wasmThreads.training.singleExamplesPerSec / training.convnetjs.examplesPerSec! || null,
  backend: singleTraining.badge,
  error: singleTraining.error,
};

await browser.close();
log('Lighthouse (mobile), every lesson…');
const lighthouse = await lighthouseRun(server.url);
server.stop();
log('native PyTorch…');
const native = nativeTorch();

const results = {
  machine,
  buildSeconds,
  lessonJsBytesGzip: js.bytes,
  lessonJsFiles: js.files,
  coldStartMs,
  rerunMs,
  explorer,
  pad,
  training,
  forward,
  wasmThreads,
  native,
  settings: TRAINING_WINDOW,
  lighthouse,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);

const fmt = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '—' : v.toFixed(digits));
const md = [
  `# Benchmark (${machine.date.slice(0, 10)}, ${machine.cpus} CPUs, Chromium ${machine.chromium})`,
  '',
  `- Build: ${buildSeconds === null ? 'reused dist/' : `${buildSeconds.toFixed(1)} s`}`,
  `- JavaScript a lesson page (cv-04) loads before interaction: ${(js.bytes / 1024).toFixed(1)} KB gzip in ${js.files} files`,
  `- Cold start, Run pressed -> first output of the LeNet snippet: ${coldStartMs.toFixed(0)} ms`,
  `- Run again (a fresh, pre-warmed worker): ${rerunMs.toFixed(0)} ms, ${(rerunMs / coldStartMs).toFixed(2)}× cold start`,
  ...Object.entries(explorer).map(
    ([model, t]) =>
      `- Explorer on WASM, layer selected -> its feature maps drawn, ${model}: ${t.firstMs} ms on first use (worker start), ${t.againMs} ms for another layer`,
  ),
  `- Digit pad, pen lifted -> its reading shown (shipped LeNet-5): ${pad.firstMs} ms on first use, ${pad.againMs} ms for the next drawing`,
  '',
  `## Training: LeNet-style CNN on MNIST, batch ${TRAINING_WINDOW.batch}, timed for at least ${TRAINING_WINDOW.minSteps} batches and ${TRAINING_WINDOW.minSeconds} s after ${TRAINING_WINDOW.warmup} warm-up batches`,
  '',
  '| Runner | examples/s | × ConvNetJS | ran on |',
  '|---|---:|---:|---|',
  ...Object.entries(training).map(
    ([k, v]) =>
      `| ${k} | ${fmt(v.examplesPerSec)} | ${k === 'convnetjs' ? '1.00' : fmt(v.ratioToConvnetjs, 2)} | ${v.error ?? v.backend ?? 'main thread'} |`,
  ),
  '',
  `## WASM: ${wasmThreads.threads} threads against 1 (same build, served with and without cross-origin isolation)`,
  '',
  '| | 1 thread | threaded | speed-up |',
  '|---|---:|---:|---:|',
  `| ResNet-18 forward, batch 1 (ms) | ${fmt(wasmThreads.forward.resnet18.singleMs, 1)} | ${fmt(wasmThreads.forward.resnet18.threadedMs, 1)} | ${fmt(wasmThreads.forward.resnet18.singleMs / wasmThreads.forward.resnet18.threadedMs, 2)}× |`,
  `| LeNet training (examples/s) | ${fmt(wasmThreads.training.singleExamplesPerSec)} | ${fmt(wasmThreads.training.threadedExamplesPerSec)} | ${fmt(wasmThreads.training.threadedExamplesPerSec / wasmThreads.training.singleExamplesPerSec, 2)}× |`,
  '',
  native.available
    ? `Native PyTorch ${native.version} on the same ${machine.cpus} cores: ResNet-18 forward ${fmt(native.resnet18Ms, 1)} ms (browser ${fmt(native.resnet18Ms ? wasmThreads.forward.resnet18.threadedMs / native.resnet18Ms : null, 2)}× its time); LeNet training ${fmt(native.examplesPerSec)} examples/s (browser ${fmt(native.examplesPerSec ? wasmThreads.training.threadedExamplesPerSec / native.examplesPerSec : null, 2)}× its rate).`
    : `Native PyTorch: not measured (${native.reason}).`,
  '',
  '## Forward latency at batch 1 (median ms; GFLOP/s)',
  '',
  `| Model | ${BACKENDS.join(' | ')} |`,
  `|---|${BACKENDS.map(() => '---:').join('|')}|`,
  ...Object.entries(forward).map(
    ([name, row]) =>
      `| ${name} | ${BACKENDS.map((b) => (row[b] ? `${row[b]!.ms.toFixed(1)} (${row[b]!.gflops.toFixed(1)})` : '—')).join(' | ')} |`,
  ),
  '',
  ...lighthouseMarkdown(lighthouse),
].join('\n');
writeFileSync('bench/results/latest.md', md);
console.log(md);
