import { load as parseYaml } from 'js-yaml';
import GithubSlugger from 'github-slugger';

/**
 * What a translation must keep from its original (docs-notes/TRANSLATING.md): the frontmatter without its texts,
 * the imports and component tags, the headings per level, the fences with their code (comments, hints and check
 * messages aside) and the lesson links. The build and `npm run check:translation` both call `compareTranslation`.
 */

/** Frontmatter fields that hold words; everything else (ids, answer keys, links, order) must match. */
const TEXT_FIELDS = new Set(['title', 'description', 'knowledge', 'why', 'question', 'text', 'explanation', 'tagline']);

/** One thing in a page's body that both languages must have, in the same order. */
export interface Landmark {
  readonly kind: 'import' | 'component' | 'heading' | 'fence';
  /** What must be equal: the line itself, the heading level, or the fence's normalised attributes and code. */
  readonly key: string;
  /** What the reader sees in a message: the line as written. */
  readonly shown: string;
  readonly line: number;
}

export interface PageStructure {
  readonly frontmatter: string;
  readonly landmarks: readonly Landmark[];
  /** Link targets to other pages of the site, without anchors, sorted (sentences may move within a paragraph). */
  readonly links: readonly string[];
  /** Headings' text in order, for rewriting anchors. */
  readonly headings: readonly string[];
  /** The figures of each table row, in order, as numbers (a table's figures are the same in every language). */
  readonly tableFigures: readonly string[];
}

/**
 * The numbers in `text` as written in `lang`: English groups thousands with commas ("28,640", "0.95"), Russian with
 * a (no-break) space and a decimal comma ("28 640", "0,95").
 */
export function figuresIn(text: string, lang: 'en' | 'ru'): string {
  const plain =
    lang === 'en'
      ? text.replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
      : text.replace(/(\d)[\u00a0\u202f ](?=\d{3}(?!\d))/g, '$1').replace(/(\d),(\d)/g, '$1.$2');
  return (plain.match(/\d+(?:\.\d+)?/g) ?? []).map(Number).join(' ');
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function textless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(textless);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, TEXT_FIELDS.has(k) ? wordsOnly(v) : textless(v)]),
    );
  return value;
}
// A text field keeps its shape (how many knowledge items) but not its words.
const wordsOnly = (v: unknown): unknown => (Array.isArray(v) ? v.map(() => '…') : typeof v === 'string' ? '…' : v);

/**
 * A fence's code with comments gone and whitespace normalised; with `blankStrings`, literals with a space in them
 * (a check's messages, which are prose) lose their words, templates keeping their `${…}` expressions, while a
 * string the code compares ('MaxPooling2D') stays.
 */
export function normaliseCode(code: string, blankStrings = false): string {
  let out = '';
  let i = 0;
  const braces: number[] = []; // open `{` counts inside each `${` of the templates we are in
  const words = (text: string) => (blankStrings && /\s/.test(text) ? '' : text);
  const template = () => {
    // From just after a backtick or `}` closing an expression: the text up to `${` or the closing backtick.
    let text = '';
    while (i < code.length) {
      const c = code[i]!;
      if (c === '\\') {
        text += code.slice(i, i + 2);
        i += 2;
      } else if (c === '`' || (c === '$' && code[i + 1] === '{')) {
        out += words(text) + (c === '`' ? '`' : '${');
        i += c === '`' ? 1 : 2;
        if (c === '$') braces.push(0);
        return;
      } else {
        text += c;
        i++;
      }
    }
    out += text;
  };
  while (i < code.length) {
    const c = code[i]!;
    const next = code[i + 1];
    if (c === '/' && next === '/') {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? code.length : end + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < code.length && code[j] !== c && code[j] !== '\n') j += code[j] === '\\' ? 2 : 1;
      const text = words(code.slice(i + 1, j));
      out += text ? c + text + c : "''"; // a blanked message's quotes may change with its words
      i = j + 1;
    } else if (c === '`') {
      out += '`';
      i++;
      template();
    } else if (c === '{' && braces.length) {
      braces[braces.length - 1]!++;
      out += c;
      i++;
    } else if (c === '}' && braces.length && braces.at(-1) === 0) {
      braces.pop();
      out += '}';
      i++;
      template();
    } else {
      if (c === '}' && braces.length) braces[braces.length - 1]!--;
      out += c;
      i++;
    }
  }
  return out
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

const MARKER = /^\/\/! (check|solution|hint)\s*$/;

/** The parts of a fence's code that both languages share: hints dropped, check messages blanked. */
function fenceKey(info: string, code: string): string {
  const attributes = info.replace(/\s*title="[^"]*"/, '').trim();
  const lang = attributes.split(/\s/)[0] ?? '';
  if (!/^(ts|js|tsx|jsx|typescript|javascript)$/.test(lang)) return `${attributes}\n${code.trim()}`;
  const parts: string[] = [];
  let section = 'code';
  let lines: string[] = [];
  const flush = () => {
    if (section === 'hint') parts.push('//! hint');
    else parts.push(`//! ${section}`, normaliseCode(lines.join('\n'), section === 'check'));
    lines = [];
  };
  for (const line of code.split('\n')) {
    const marker = MARKER.exec(line.trim());
    if (!marker) lines.push(line);
    else {
      flush();
      section = marker[1]!;
    }
  }
  flush();
  return `${attributes}\n${parts.join('\n')}`;
}

/** Reads the structure of one page's MDX source, written in `lang`. */
export function structureOf(source: string, lang: 'en' | 'ru' = 'en'): PageStructure {
  const fm = FRONTMATTER.exec(source);
  const frontmatter = JSON.stringify(textless(fm ? (parseYaml(fm[1] ?? '') ?? {}) : {}));
  const offset = fm ? fm[0].split('\n').length - 1 : 0;
  const lines = source.slice(fm?.[0].length ?? 0).split('\n');
  const landmarks: Landmark[] = [];
  const links: string[] = [];
  const headings: string[] = [];
  const tableFigures: string[] = [];
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const at = n + offset + 1;
    const fence = /^(\s*)```(.*)$/.exec(line);
    if (fence) {
      const start = n;
      const body: string[] = [];
      while (++n < lines.length && !/^\s*```\s*$/.test(lines[n]!)) body.push(lines[n]!);
      landmarks.push({
        kind: 'fence',
        key: fenceKey(fence[2] ?? '', body.join('\n')),
        shown: line.trim(),
        line: start + offset + 1,
      });
      continue;
    }
    if (/^\|/.test(line) && !/^\|[\s|:-]+\|\s*$/.test(line)) tableFigures.push(figuresIn(line, lang));
    if (/^import\s/.test(line)) landmarks.push({ kind: 'import', key: line.trim(), shown: line.trim(), line: at });
    else if (/^\s*<\/?[A-Z]/.test(line))
      landmarks.push({ kind: 'component', key: line.trim(), shown: line.trim(), line: at });
    else {
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      if (heading) {
        landmarks.push({ kind: 'heading', key: `h${heading[1]!.length}`, shown: line.trim(), line: at });
        headings.push(heading[2]!.trim());
      }
    }
    for (const m of line.matchAll(/\]\(((?:\.\.?\/|\/)[^)#\s]*)(?:#[^)\s]*)?\)/g)) links.push(m[1]!);
  }
  return { frontmatter, landmarks, links: links.sort(), headings, tableFigures };
}

/**
 * How `translation` (at `translationFile`) differs from `original` (at `originalFile`) in what it must keep; an
 * empty list when it keeps everything. Each message names the line in both files.
 */
export function compareTranslation(
  original: string,
  translation: string,
  originalFile = 'original',
  translationFile = 'translation',
): string[] {
  const [a, b] = [structureOf(original, 'en'), structureOf(translation, 'ru')];
  const errors: string[] = [];
  if (a.frontmatter !== b.frontmatter)
    errors.push(
      `${translationFile}: frontmatter: ids, answer keys, links or the number of items differ from ${originalFile} (only texts are translated)`,
    );
  const count = Math.max(a.landmarks.length, b.landmarks.length);
  for (let i = 0; i < count; i++) {
    const [x, y] = [a.landmarks[i], b.landmarks[i]];
    if (x && y && x.kind === y.kind && x.key === y.key) continue;
    const where = (file: string, l: Landmark | undefined) =>
      l ? `${file}:${l.line} ${l.shown}` : `${file}: (nothing)`;
    const why =
      x && y && x.kind === y.kind && x.kind === 'fence'
        ? 'the fence differs in its attributes or code (only title, comments, hints and check messages are translated)'
        : `expected the ${x?.kind ?? 'end of the page'} of the original`;
    errors.push(`${where(translationFile, y)}: ${why}; ${where(originalFile, x)}`);
    break; // after one shift every later landmark differs: the first is the one to fix
  }
  const row = a.tableFigures.findIndex((figures, i) => figures !== b.tableFigures[i]);
  if (row >= 0 || a.tableFigures.length !== b.tableFigures.length)
    errors.push(
      row >= 0
        ? `${translationFile}: table row ${row + 1} of the page has the figures ${b.tableFigures[row] ?? '(none)'}; ${originalFile} has ${a.tableFigures[row]}`
        : `${translationFile}: ${b.tableFigures.length} table rows; ${originalFile} has ${a.tableFigures.length}`,
    );
  const [la, lb] = [a.links.join('\n'), b.links.join('\n')];
  if (la !== lb) {
    const missing = a.links.filter((l) => !b.links.includes(l));
    const extra = b.links.filter((l) => !a.links.includes(l));
    errors.push(
      `${translationFile}: links to other pages differ from ${originalFile}` +
        (missing.length ? `; missing: ${[...new Set(missing)].join(', ')}` : '') +
        (extra.length ? `; not in the original: ${[...new Set(extra)].join(', ')}` : '') +
        (!missing.length && !extra.length ? '; the same targets, a different number of times' : ''),
    );
  }
  return errors;
}

/** Heading slugs as the site makes them (github-slugger, as Astro's heading ids), in order. */
export function headingSlugs(headings: readonly string[]): string[] {
  const slugger = new GithubSlugger();
  return headings.map((h) =>
    slugger.slug(
      h
        .replace(/`([^`]*)`/g, '$1')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/[*_]/g, ''),
    ),
  );
}
