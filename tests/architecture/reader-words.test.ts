/**
 * Every word a reader sees comes from the words tables (src/content/i18n/<lang>.json), so a second language can fill
 * them: this test lists every English sentence still written in the code that shows it (components) or sends it (the
 * worker's engine, programs and protocol, and the page's client). A string that no reader sees (a developer's
 * invariant, markup, a selector) carries the comment `// not reader text` on its line, which says so on purpose.
 *
 * The `course` module is left out on purpose: it is a library the reader's code calls, and like tfjs its errors are
 * in the language of its API reference (its declarations). So are the models, summaries and kernels it builds on.
 */
import { globSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { parse } from '@astrojs/compiler';
import { describe, expect, it } from 'vitest';
import en from '~/content/i18n/en.json';

const SCANNED = [
  'src/components/**/*.{ts,astro}',
  'src/runtime/client.ts',
  'src/runtime/host/**/*.ts',
  'src/runtime/programs/**/*.ts',
  'src/runtime/protocol/**/*.ts',
  'src/runtime/networks/**/*.ts',
];
const EXEMPT = /\/\/ not reader text/;
/** Two words of prose: a word, a space, a lower-case word (class lists and selectors have hyphens, dots, brackets). */
const PROSE = /(?:^|[\s(“"'])[A-Za-z][a-z]*[,:;]? [a-z]{2,}\b/;
/** Attributes a reader hears or sees. */
const SPOKEN_ATTRIBUTES = /^(aria-label|aria-description|title|alt|placeholder|label|data-label)$/;

interface Found {
  where: string;
  text: string;
}

/** Markup inside a string: its text and spoken attributes, without the tags and the rest of their attributes. */
function readable(text: string): string[] {
  if (!/<[a-z]/i.test(text)) return [text];
  const spoken = [...text.matchAll(/\s(aria-label|title|alt|placeholder)="([^"]*)"/g)].map((m) => m[2]!);
  return [text.replace(/<[^>]*>/g, ' '), ...spoken];
}

function scanTs(file: string, source: string, lineOffset = 0): Found[] {
  const found: Found[] = [];
  const lines = source.split('\n');
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node))
      text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' {} ');
    const inImport = !!node.parent && (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent));
    if (text !== null && !inImport) {
      const line = tree.getLineAndCharacterOfPosition(node.getStart()).line;
      if (readable(text).some((t) => PROSE.test(t)) && !EXEMPT.test(lines[line] ?? ''))
        found.push({ where: `${file}:${line + 1 + lineOffset}`, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

interface AstroNode {
  type: string;
  name?: string;
  value?: string;
  kind?: string;
  attributes?: AstroNode[];
  children?: AstroNode[];
  position?: { start: { line: number } };
}

async function scanAstro(file: string, source: string): Promise<Found[]> {
  const { ast } = await parse(source, { position: true });
  const found: Found[] = [];
  const at = (node: AstroNode) => `${file}:${node.position?.start.line ?? 0}`;
  const lines = source.split('\n');
  const exempt = (node: AstroNode) => EXEMPT.test(lines[(node.position?.start.line ?? 1) - 1] ?? '');
  const visit = (node: AstroNode, inScript: boolean): void => {
    if (node.type === 'frontmatter' && node.value) found.push(...scanTs(file, node.value));
    if (node.type === 'text' && node.value?.trim()) {
      if (inScript) found.push(...scanTs(file, node.value, (node.position?.start.line ?? 1) - 1));
      else if (PROSE.test(node.value) && !exempt(node)) found.push({ where: at(node), text: node.value.trim() });
    }
    if (node.type === 'expression') {
      // An expression's code comes in pieces around the markup it holds: each piece is scanned for its strings.
      for (const child of node.children ?? [])
        if (child.type === 'text')
          found.push(...scanTs(file, child.value ?? '', (child.position?.start.line ?? 1) - 1));
        else visit(child, inScript);
      return;
    }
    for (const attribute of node.attributes ?? [])
      if (
        attribute.kind === 'quoted' &&
        SPOKEN_ATTRIBUTES.test(attribute.name ?? '') &&
        PROSE.test(attribute.value ?? '')
      )
        if (!exempt(node)) found.push({ where: at(node), text: attribute.value! });
    const script = node.type === 'element' && (node.name === 'script' || node.name === 'style');
    for (const child of node.children ?? []) if (node.name !== 'style') visit(child, inScript || script);
  };
  visit(ast as AstroNode, false);
  return found;
}

describe("reader's words", () => {
  it('are all in the words tables: no English sentence left in components or the worker', async () => {
    const files = SCANNED.flatMap((pattern) => globSync(pattern)).sort();
    expect(files.length).toBeGreaterThan(50);
    const found: Found[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      found.push(...(file.endsWith('.astro') ? await scanAstro(file, source) : scanTs(file, source)));
    }
    expect(found.map((f) => `${f.where}: ${f.text.replace(/\s+/g, ' ').slice(0, 100)}`)).toEqual([]);
  });

  it('use only keys the English table has', () => {
    const files = SCANNED.flatMap((pattern) => globSync(pattern));
    const namespaces = [...new Set(Object.keys(en).map((k) => k.split('.')[0]))].join('|');
    // Quoted, not in backticks: comments name the `course` module's functions that way.
    const key = new RegExp(`['"]((?:${namespaces})\\.[\\w.]+)['"]`, 'g');
    const missing = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(key)]
        .map((m) => m[1]!)
        .filter((k) => !(k in en) && !(`${k}_other` in en))
        .map((k) => `${file}: ${k}`),
    );
    expect(missing).toEqual([]);
  });
});
