import type { Element, ElementContent } from '@expressive-code/core/hast';
import { describe, expect, it } from 'vitest';
import { compactLine, defaultTokenStyle } from '~/integrations/ec-compact';

const DEFAULT = defaultTokenStyle(['#d6deeb', '#403f53']);
const KEYWORD = '--0:#C792EA;--1:#8844AE';
const CALL = '--0:#82AAFF;--1:#3B61B0';

const span = (style: string, text: string): Element => ({
  type: 'element',
  tagName: 'span',
  properties: { style },
  children: [{ type: 'text', value: text }],
});
const indent = (...children: ElementContent[]): Element => ({
  type: 'element',
  tagName: 'span',
  properties: { className: ['indent'] },
  children,
});
const text = (value: string): ElementContent => ({ type: 'text', value });
const line = (...children: ElementContent[]): Element => ({
  type: 'element',
  tagName: 'div',
  properties: { className: ['code'] },
  children,
});

/** A line as `[style or "", text]` pairs, the shape these tests compare. */
const pieces = (code: Element) =>
  code.children.map((c) => {
    if (c.type === 'text') return ['', c.value];
    const [only] = (c as Element).children;
    return [String((c as Element).properties.style), only?.type === 'text' ? only.value : '?'];
  });

describe('compacting a highlighted line', () => {
  it('names the default colour as Expressive Code writes it, one variable per theme', () => {
    expect(DEFAULT).toBe('--0:#D6DEEB;--1:#403F53');
  });

  it.each([
    {
      name: 'default-coloured text becomes plain text',
      before: [span(DEFAULT, 'model'), span(KEYWORD, '.'), span(CALL, 'predict')],
      after: [
        ['', 'model'],
        [KEYWORD, '.'],
        [CALL, 'predict'],
      ],
    },
    {
      name: 'whitespace joins the token before it, so neighbours of one colour become one span',
      before: [span(KEYWORD, 'const'), span(DEFAULT, ' '), span(KEYWORD, '{'), text(' '), span(CALL, 'x')],
      after: [
        [KEYWORD, 'const { '],
        [CALL, 'x'],
      ],
    },
    {
      name: "an unwrapped block's indentation is plain text",
      before: [indent(span(KEYWORD, '    ')), span(CALL, 'run'), span(DEFAULT, '();')],
      after: [
        ['', '    '],
        [CALL, 'run'],
        ['', '();'],
      ],
    },
    {
      name: 'a span inside a span (the themes split a token differently) is one span with both colours',
      before: [
        {
          type: 'element',
          tagName: 'span',
          properties: { style: '--1:#403F53' },
          children: [span('--0:#D6DEEB', ', '), span('--0:#D7DBE0', 'logs')],
        } satisfies Element,
      ],
      after: [
        ['', ', '],
        ['--0:#D7DBE0;--1:#403F53', 'logs'],
      ],
    },
  ])('$name', ({ before, after }) => {
    const code = line(...before);
    compactLine(code, DEFAULT, true);
    expect(pieces(code)).toEqual(after);
    // Same text, in the same order: nothing a reader sees or copies changes.
    expect(
      pieces(code)
        .map(([, t]) => t)
        .join(''),
    ).toBe(after.map(([, t]) => t).join(''));
  });

  it('keeps the indentation span of a block that wraps (it holds the hanging indent)', () => {
    const code = line(indent(span(KEYWORD, '  ')), span(CALL, 'run'));
    compactLine(code, DEFAULT, false);
    expect(code.children).toHaveLength(2);
  });

  it('leaves a line with anything else in it (a mark, a classed span) as it was', () => {
    const mark: Element = { type: 'element', tagName: 'mark', properties: {}, children: [span(CALL, 'x')] };
    const code = line(span(DEFAULT, 'a'), mark, span(DEFAULT, 'b'));
    const before = structuredClone(code);
    compactLine(code, DEFAULT, true);
    expect(code).toEqual(before);
  });
});
