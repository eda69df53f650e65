import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ZooOptions } from '~/runtime/models';
import type { WorkerEvent } from '~/runtime/protocol';
import { createSnippetHandler } from '~/runtime/snippet/handler';
import { nodeAssetLoader, runnableFences } from '../helpers/snippets';

const fences = runnableFences();
/** tfjs's WASM binaries, loaded from node_modules when the runtime's backend code runs in Node. */
const WASM_DIR = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist/')).href;
const ROOT = process.cwd();
const OUT = join(ROOT, 'node_modules/.cache/snippets');
const fileOf = (i: number) => join(OUT, `snippet-${i}.ts`);

/**
 * ImageNet-sized zoo models run at 64×64 here (AlexNet's smallest input): even WASM would take
 * minutes at 224×224 on two cores. Parameter counts at the paper's sizes are checked by the lesson-figure tests instead.
 */
const shrinkForTests = (_name: string, options: ZooOptions): ZooOptions => {
  const [h = 224, w = 224, c = 3] = options.inputShape ?? [];
  return h > 64 || w > 64 ? { ...options, inputShape: [64, 64, c] } : options;
};

/** Runs a snippet exactly as the worker does, on tfjs's WASM backend, and collects every event it posts. */
async function runInNode(code: string): Promise<WorkerEvent[]> {
  const events: WorkerEvent[] = [];
  const handle = createSnippetHandler((e) => events.push(e), { loadAsset: await nodeAssetLoader(), zooSizeHook: shrinkForTests });
  await handle({ type: 'run', runId: 1, code, backend: 'wasm', baseUrl: WASM_DIR });
  return events;
}

describe('runnable snippets in the lessons', () => {
  it('exist: cv-04 has one for every architecture and experiment, other lessons at least one where code helps', () => {
    expect(fences.filter((f) => f.lessonId === 'cv-04').length).toBeGreaterThanOrEqual(1);
  });

  describe('type-check against tfjs and the course module', () => {
    let diagnostics: Map<number, string[]>;
    beforeAll(() => {
      rmSync(OUT, { recursive: true, force: true });
      mkdirSync(OUT, { recursive: true });
      fences.forEach((f, i) => writeFileSync(fileOf(i), f.code));
      const program = ts.createProgram([...fences.map((_, i) => fileOf(i)), join(ROOT, 'src/runtime/snippet/course.d.ts')], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        types: [],
        skipLibCheck: true,
        allowImportingTsExtensions: true,
        baseUrl: ROOT,
        paths: { '~/*': ['src/*'] },
      });
      diagnostics = new Map(fences.map((_, i) => [i, []]));
      for (const d of ts.getPreEmitDiagnostics(program)) {
        const index = fences.findIndex((_, i) => d.file?.fileName === fileOf(i));
        const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
        const text = `${where ? `line ${where.line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
        if (index >= 0) diagnostics.get(index)!.push(text);
        else throw new Error(`type error outside the snippets: ${d.file?.fileName ?? ''} ${text}`);
      }
    }, 120_000);

    it.each(fences.map((f, i) => [`${f.lessonId} "${f.title}"`, i] as const))('%s type-checks', (_name, i) => {
      expect(diagnostics.get(i)).toEqual([]);
    });
  });

  // WASM, as most readers without a GPU get; it also trains ~10x faster than tfjs's pure-JS cpu backend.
  describe('run on the wasm backend', () => {

    it.each(fences.map((f) => [`${f.lessonId} "${f.title}"`, f] as const))('%s runs to the end without leaking', async (_name, f) => {
      const before = tf.memory().numTensors;
      const events = await runInNode(f.code);
      const errors = events.filter((e) => e.type === 'error');
      expect(errors).toEqual([]);
      const done = events.find((e) => e.type === 'done');
      expect(done && done.type === 'done' && done.tensorDelta).toBe(0);
      expect(events.some((e) => e.type === 'log' || e.type === 'summary' || e.type === 'chart' || e.type === 'image')).toBe(true);
      expect(tf.memory().numTensors).toBe(before);
    }, 300_000); // training snippets take a while on the pure-JS CPU backend
  });
});
