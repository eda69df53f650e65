import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shape of src/, as STYLE.md draws it: data flows one way (content -> components -> client -> protocol -> host
 * -> programs -> course -> tfjs), no two folders import each other, the runtime never reaches up into the page,
 * and the contract loads no tfjs.
 */
const SRC = resolve(__dirname, '../../src');
const EXTENSIONS = ['', '.ts', '.astro', '.mjs', '.js', '/index.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|astro|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module a file imports: static imports, re-exports and dynamic import() with a literal specifier. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gms),
    ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1]!);
}

/** A specifier resolved to a file under src/, or the package name for anything else. */
function target(from: string, specifier: string): { file: string } | { package: string } {
  const base = specifier.startsWith('~/')
    ? join(SRC, specifier.slice(2))
    : specifier.startsWith('.')
      ? resolve(dirname(from), specifier)
      : null;
  if (base === null) return { package: specifier };
  const file = EXTENSIONS.map((ext) => base + ext).find((p) => existsSync(p) && statSync(p).isFile());
  if (!file) throw new Error(`${relative(SRC, from)} imports ${specifier}, which does not resolve`);
  return { file };
}

const files = sourceFiles(SRC);
const edges = files.map((file) => ({ file, targets: specifiers(file).map((s) => target(file, s)) }));
const folderOf = (file: string) => relative(SRC, dirname(file));
const rel = (file: string) => relative(SRC, file);

describe('the architecture of src/', () => {
  it('has no import cycle between folders', () => {
    const graph = new Map<string, Set<string>>();
    for (const { file, targets } of edges)
      for (const t of targets)
        if ('file' in t && folderOf(t.file) !== folderOf(file)) {
          if (!graph.has(folderOf(file))) graph.set(folderOf(file), new Set());
          graph.get(folderOf(file))!.add(folderOf(t.file));
        }
    // A cycle is a folder that reaches itself again.
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      [...(graph.get(from) ?? [])].some(
        (next) => next === to || (!seen.has(next) && (seen.add(next), reaches(next, to, seen))),
      );
    const cyclic = [...graph.keys()].filter((folder) => reaches(folder, folder)).sort();
    expect(cyclic).toEqual([]);
  });

  it('keeps the runtime below the page: nothing in runtime/ imports components/', () => {
    const upward = edges
      .filter(({ file }) => rel(file).startsWith('runtime/'))
      .flatMap(({ file, targets }) =>
        targets.filter((t) => 'file' in t && rel(t.file).startsWith('components/')).map(() => rel(file)),
      );
    expect(upward).toEqual([]);
  });

  it('lets pages reach the runtime only through its contract and its client', () => {
    const allowed = (file: string) => file.startsWith('runtime/protocol/') || file === 'runtime/client.ts';
    const reached = edges
      .filter(({ file }) => rel(file).startsWith('components/'))
      .flatMap(({ file, targets }) =>
        targets.flatMap((t) =>
          'file' in t && rel(t.file).startsWith('runtime/') && !allowed(rel(t.file))
            ? [`${rel(file)} -> ${rel(t.file)}`]
            : [],
        ),
      );
    expect(reached).toEqual([]);
  });

  it('loads no tfjs from runtime/protocol/, directly or through what it imports', () => {
    const byFile = new Map(edges.map((e) => [e.file, e.targets]));
    const loaded = new Set<string>();
    const visit = (file: string, path: string[]) => {
      for (const t of byFile.get(file) ?? []) {
        if ('package' in t && t.package.startsWith('@tensorflow/')) loaded.add([...path, t.package].join(' -> '));
        if ('file' in t && !path.includes(rel(t.file))) visit(t.file, [...path, rel(t.file)]);
      }
    };
    for (const file of files.filter((f) => rel(f).startsWith('runtime/protocol/'))) visit(file, [rel(file)]);
    expect([...loaded]).toEqual([]);
  });

  it('keeps programs peers: no program imports another (what two share lives below them, e.g. networks/)', () => {
    const programOf = (file: string) => /^runtime\/programs\/([^/]+)\//.exec(rel(file))?.[1];
    const crossing = edges.flatMap(({ file, targets }) =>
      targets.flatMap((t) => {
        const [from, to] = [programOf(file), 'file' in t ? programOf(t.file) : undefined];
        return from && to && from !== to ? [`${rel(file)} -> ${rel((t as { file: string }).file)}`] : [];
      }),
    );
    expect(crossing).toEqual([]);
  });

  it('keeps the engine general: runtime/host/ imports nothing from models/, data/, networks/ or programs/', () => {
    const specific = ['runtime/models/', 'runtime/data/', 'runtime/networks/', 'runtime/programs/'];
    const reached = edges
      .filter(({ file }) => rel(file).startsWith('runtime/host/'))
      .flatMap(({ file, targets }) =>
        targets.flatMap((t) =>
          'file' in t && specific.some((folder) => rel(t.file).startsWith(folder))
            ? [`${rel(file)} -> ${rel(t.file)}`]
            : [],
        ),
      );
    expect(reached).toEqual([]);
  });

  it('finds the imports it checks (a parser that saw none would pass everything)', () => {
    const handler = edges.find((e) => rel(e.file) === 'runtime/host/handler.ts')!;
    expect(handler.targets.some((t) => 'package' in t && t.package === '@tensorflow/tfjs')).toBe(true);
    expect(handler.targets.filter((t) => 'file' in t).length).toBeGreaterThan(3);
  });
});
