/**
 * Fewer elements per highlighted line. Expressive Code wraps every token in its own `<span style="--0:…;--1:…">`
 * (one colour per theme), also whitespace and text in the default colour, and each line's indentation in a
 * `span.indent` that only wrapped blocks use. On a long lesson that is most of the page's elements, and every one
 * is parsed, styled and laid out on a phone. This keeps the same colours with fewer spans: whitespace joins its
 * neighbour (it has no colour to show), text in the default colour is plain text (the block's colour), and
 * neighbours of one style are one span. A line with anything else in it (marks, nested spans) is left as it is.
 */
import type { Element, ElementContent } from '@expressive-code/core/hast';

type Piece = { style: string | null; text: string };

/** The line's tokens as (style, text) pairs, or null where it holds anything but plain token spans and text. */
function tokens(children: ElementContent[], unwrapIndent: boolean): Piece[] | null {
  const pieces: Piece[] = [];
  for (const child of children) {
    if (child.type === 'text') pieces.push({ style: null, text: child.value });
    else if (child.type !== 'element' || child.tagName !== 'span') return null;
    else if (unwrapIndent && child.properties.className?.toString() === 'indent') {
      const inner = tokens(child.children, false);
      if (!inner) return null;
      pieces.push(...inner);
    } else {
      const { style, ...rest } = child.properties;
      const [only, ...more] = child.children;
      if (Object.keys(rest).length > 0 || typeof style !== 'string' || more.length > 0 || only?.type !== 'text')
        return null;
      pieces.push({ style, text: only.value });
    }
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
