import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readLessons } from '~/content/lesson-graph';
import type { RunJob, WorkerEvent } from '~/runtime/protocol';
import { createCourseHandler } from '~/runtime/programs';
import { SHIPPED_NETWORKS, shippedAssetDir, shippedPath } from '~/runtime/protocol/shipped-networks';

/** A runnable fence (```ts run title="…") as the reader sees it. */
export interface RunnableFence {
  file: string;
  lessonId: string;
  title: string;
  /** 1-based line of the code's first line in the lesson body (after the frontmatter), for error messages. */
  line: number;
  code: string;
}

const FENCE = /^```ts run([^\n]*)\n([\s\S]*?)\n```$/gm;

/** Every runnable fence in every lesson. */
export function runnableFences(): RunnableFence[] {
  return readLessons().flatMap(({ file, lesson, body }) =>
    [...body.matchAll(FENCE)].map((m, i) => ({
      file,
      lessonId: lesson.id,
      title: /title="([^"]+)"/.exec(m[1] ?? '')?.[1] ?? `snippet ${i + 1}`,
      line: body.slice(0, m.index).split('\n').length + 1,
      code: m[2] ?? '',
    })),
  );
}

/** Serves site assets to snippets run in Node, built the same way the site build builds them. */
export async function nodeAssetLoader(): Promise<(baseUrl: string) => (path: string) => Promise<ArrayBuffer>> {
  const { convertMnist } = await import('~/integrations/mnist-asset');
  const { readFashionAsset } = await import('~/integrations/fashion-asset');
  const { DATASETS } = await import('~/runtime/data/dataset-format');
  // Each data set is converted or unzipped when a run first asks for it, as the site serves it.
  const sources = { mnist: convertMnist, 'fashion-mnist': readFashionAsset };
  const assets = new Map<string, Uint8Array>();
  return () => async (path) => {
    // The shipped networks, as the build serves them from assets/.
    const shipped = SHIPPED_NETWORKS.find((name) => path.startsWith(shippedPath(name)));
    if (shipped)
      return new Uint8Array(
        readFileSync(join(process.cwd(), shippedAssetDir(shipped), path.slice(shippedPath(shipped).length))),
      ).buffer;
    const [name, format] =
      Object.entries(DATASETS).find(([, d]) => d.imagesPath === path || d.labelsPath === path) ?? [];
    if (!name || !format) throw new Error(`no asset ${path} in tests`);
    if (!assets.has(path)) {
      const { images, labels } = sources[name as keyof typeof sources]();
      assets.set(format.imagesPath, images).set(format.labelsPath, labels);
    }
    return assets.get(path)!.slice().buffer;
  };
}

/** tfjs's WASM binaries, loaded from node_modules when the runtime's backend code runs in Node. */
export const WASM_DIR = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist/'),
).href;

/**
 * ImageNet-sized zoo models run at 67×67 here (the two-tower AlexNet's smallest input): even WASM would take
 * minutes at 224×224 on two cores. Parameter counts at the paper's sizes are checked by the lesson-figure tests instead.
 */
const TEST_SIDE = 67;
const shrinkForTests = (_name: string, inputShape: readonly number[] | undefined) => {
  const [h = 224, w = 224, c = 3] = inputShape ?? [];
  return h > TEST_SIDE || w > TEST_SIDE ? [TEST_SIDE, TEST_SIDE, c] : inputShape;
};

/** Runs a job exactly as the worker does, on tfjs's WASM backend, and collects every event it posts. */
export async function runJobInNode(job: RunJob): Promise<WorkerEvent[]> {
  const events: WorkerEvent[] = [];
  const handle = createCourseHandler((e) => events.push(e), {
    loadAsset: await nodeAssetLoader(),
    zooSizeHook: shrinkForTests,
  });
  await handle({ ...job, runId: 1, backend: 'wasm', baseUrl: WASM_DIR });
  return events;
}

/**
 * One worker's handler in Node, on WASM, with the site's assets: each call runs a job and returns its events. Module
 * state (a trained network) lasts across calls, as it does in the page's kept worker.
 */
export async function jobRunner(): Promise<(job: RunJob) => Promise<WorkerEvent[]>> {
  const events: WorkerEvent[] = [];
  const handle = createCourseHandler((e) => events.push(e), { loadAsset: await nodeAssetLoader() });
  let runId = 0;
  return async (job) => {
    events.length = 0;
    await handle({ ...job, runId: ++runId, backend: 'wasm', baseUrl: WASM_DIR });
    return [...events];
  };
}

/** Runs a snippet as the worker does (see runJobInNode). */
export const runInNode = (code: string): Promise<WorkerEvent[]> => runJobInNode({ type: 'run', code });

/** The console lines a run printed, as plain text. */
export const printedLines = (events: WorkerEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'log' ? [e.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('')] : []));
