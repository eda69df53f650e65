import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folder map lives in docs-notes/ARCHITECTURE.md alone (a second copy in the README went stale): every folder
 * under src/ and every folder directly under tests/ is named there, and it names none that does not exist.
 */
const ROOT = resolve(__dirname, '../..');
const MAP_DOC = 'docs-notes/ARCHITECTURE.md';

/**
 * The map is the first code block under "## Folders": a tree indented two spaces a level, a name column (a folder
 * ends in "/"; siblings may share a line, "cv/ dl/ gd/") and a description after two or more spaces. A line indented
 * deeper than any open folder continues the description above it.
 */
function foldersInMap(text: string): string[] {
  const section = text.slice(text.indexOf('\n## Folders\n'));
  const block = /\n```\n([\s\S]*?)\n```\n/.exec(section)?.[1] ?? '';
  const open: string[] = [];
  const folders: string[] = [];
  for (const line of block.split('\n')) {
    const level = (line.length - line.trimStart().length) / 2;
    if (!Number.isInteger(level) || level > open.length) continue;
    const names = line.trim().split(/ {2,}/)[0]!.split(' ');
    open.length = level;
    const children = names.filter((n) => n.endsWith('/'));
    folders.push(...children.map((n) => [...open, n].join('')));
    if (names.length === 1 && children.length === 1) open.push(children[0]!);
  }
  return folders;
}

/** Folders on disk, as the map spells them ("src/runtime/models/"); dot-folders and node_modules are generated. */
function foldersOnDisk(dir: string, depth: number): string[] {
  if (depth === 0) return [];
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
    .flatMap((d) => [`${dir}${d.name}/`, ...foldersOnDisk(`${dir}${d.name}/`, depth - 1)]);
}

const mapped = foldersInMap(readFileSync(join(ROOT, MAP_DOC), 'utf8'));
const checked = (folder: string) => /^src\/./.test(folder) || /^tests\/[^/]+\/$/.test(folder);
const onDisk = [...foldersOnDisk('src/', Infinity), ...foldersOnDisk('tests/', 1)];

describe(`the folder map in ${MAP_DOC}`, () => {
  it('names every folder under src/ and every folder directly under tests/', () => {
    expect(onDisk.filter((folder) => !mapped.includes(folder))).toEqual([]);
  });

  it('names no folder under src/ or tests/ that does not exist', () => {
    expect(mapped.filter(checked).filter((folder) => !onDisk.includes(folder))).toEqual([]);
  });

  it('is read as a tree (a parser that found nothing would pass the test above)', () => {
    expect(mapped).toEqual(
      expect.arrayContaining(['src/runtime/models/layers/', 'src/content/docs/cv/', 'tests/unit/']),
    );
  });
});
