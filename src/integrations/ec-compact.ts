/**
 * Fewer elements per highlighted line. Expressive Code wraps every token in its own `<span style="--0:…;--1:…">`
 * (one colour per theme), also whitespace and text in the default colour, and each line's indentation in a
 * `span.indent` that only wrapped blocks use. On a long lesson that is most of the page's elements, and every one
 * is parsed, styled and laid out on a phone. This keeps the same colours with fewer spans: whitespace joins its
 * neighbour (it has no colour to show), text in the default colour is plain text (the block's colour), and
 * neighbours of one style are one span. A line with anything else in it (marks, classes) is left as it is.
 */
import type { Element, ElementContent } from '@expressive-code/core/hast';

type Piece = { style: string | null; text: string };

/** `--0:#C792EA;--1:#8844AE` as a map, and back in Expressive Code's order. */
const declarations = (style: string) =>
  Object.fromEntries(style.split(';').flatMap((d) => (d.includes(':') ? [d.split(':', 2) as [string, string]] : [])));
const styleOf = (map: Record<string, string>) =>
  Object.keys(map)
    .sort()
    .map((k) => `${k}:${map[k]}`)
    .join(';');

/**
 * The line's tokens as (style, text) pairs, or null where it holds anything but token spans and text. A span
 * inside a span (where the themes split a token differently) becomes one piece with both spans' variables, which
 * is what it inherited.
 */
function tokens(children: ElementContent[], unwrapIndent: boolean, outer: Record<string, string> = {}): Piece[] | null {
  const pieces: Piece[] = [];
  for (const child of children) {
    if (child.type === 'text') {
      pieces.push({ style: Object.keys(outer).length ? styleOf(outer) : null, text: child.value });
      continue;
    }
    if (child.type !== 'element' || child.tagName !== 'span') return null;
    const { style, className, ...rest } = child.properties;
    const isIndent = className?.toString() === 'indent' && style === undefined;
    if (Object.keys(rest).length > 0 || (className !== undefined && !(isIndent && unwrapIndent))) return null;
    if (!isIndent && typeof style !== 'string') return null;
    const inner = tokens(
      child.children,
      unwrapIndent,
      isIndent ? outer : { ...outer, ...declarations(style as string) },
    );
    if (!inner) return null;
    pieces.push(...inner);
  }
  return pieces;
}

/** `--0:#D6DEEB;--1:#403F53`: the style Expressive Code gives text in each theme's default colour. */
export function defaultTokenStyle(themeForegrounds: string[]): string {
  return themeForegrounds.map((fg, i) => `--${i}:${fg.toUpperCase()}`).join(';');
}

/**
 * Rewrites the children of a line's `div.code` in place with as few spans as show the same colours.
 * `unwrapIndent`: the block does not wrap, so its indentation spans do nothing.
 */
export function compactLine(code: Element, defaultStyle: string, unwrapIndent: boolean): void {
  const pieces = tokens(code.children, unwrapIndent);
  if (!pieces) return;
  const merged: Piece[] = [];
  for (const { style, text } of pieces) {
    const last = merged.at(-1);
    // Whitespace takes its neighbour's style: no colour of its own shows.
    const own = text.trim() === '' ? (last?.style ?? null) : style === defaultStyle ? null : style;
    if (last && last.style === own) last.text += text;
    else merged.push({ style: own, text });
  }
  code.children = merged.map(({ style, text }) =>
    style === null
      ? { type: 'text', value: text }
      : { type: 'element', tagName: 'span', properties: { style }, children: [{ type: 'text', value: text }] },
  );
}
