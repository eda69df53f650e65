// Every runnable fence of every lesson, type-checked as the reader's editor would (the fast tier).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { runnableFences } from '../helpers/snippets';

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
});
