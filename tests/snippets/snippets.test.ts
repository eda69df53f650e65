import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInNode, runnableFences } from '../helpers/snippets';

const fences = runnableFences();
const ROOT = process.cwd();
const OUT = join(ROOT, 'node_modules/.cache/snippets');
const fileOf = (i: number) => join(OUT, `snippet-${i}.ts`);

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
      const program = ts.createProgram(
        [...fences.map((_, i) => fileOf(i)), join(ROOT, 'src/runtime/course/course.d.ts')],
        {
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
        },
      );
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
    it.each(fences.map((f) => [`${f.lessonId} "${f.title}"`, f] as const))(
      '%s runs to the end without leaking',
      async (_name, f) => {
        const before = tf.memory().numTensors;
        const events = await runInNode(f.code);
        const errors = events.filter((e) => e.type === 'error');
        expect(errors).toEqual([]);
        const done = events.find((e) => e.type === 'done');
        expect(done && done.type === 'done' && done.tensorDelta).toBe(0);
        expect(
          events.some((e) => e.type === 'log' || e.type === 'summary' || e.type === 'chart' || e.type === 'image'),
        ).toBe(true);
        expect(tf.memory().numTensors).toBe(before);
      },
      300_000,
    ); // training snippets take a while on the pure-JS CPU backend
  });
});
