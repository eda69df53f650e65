import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compareTranslation,
  figuresIn,
  headingSlugs,
  normaliseCode,
  structureOf,
} from '~/content/translation-structure';
import { linkedPage } from '~/content/translations';

const english = readFileSync('src/content/docs/dl/dl-04.mdx', 'utf8');

/**
 * A faithful "translation" of dl-04: every prose line, heading text, quiz text, fence title, hint, comment and
 * check message changed, nothing else. What the check must accept.
 */
function faithful(source: string): string {
  let inFence = false;
  let section = 'code';
  return source
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) {
        inFence = !inFence;
        section = 'code';
        return line.replace(/title="[^"]*"/, 'title="Заголовок"');
      }
      if (inFence) {
        const marker = /^\/\/! (\w+)/.exec(line);
        if (marker) section = marker[1]!;
        if (section === 'hint' && line.startsWith('//') && !marker) return '// Подсказка по-русски.';
        // A message has spaces in it; a string the code compares ('MaxPooling2D') has none and stays.
        if (section === 'check') return line.replace(/(['"])[a-z][^'"]* [^'"]*\1/g, '"сообщение по-русски"');
        return line.replace(/\/\/ .*$/, '// комментарий');
      }
      if (/^(title|description):/.test(line)) return line.replace(/: .*/, ': "Перевод"');
      if (/^\s+(why|question|explanation):/.test(line)) return line.replace(/: .*/, ': "Перевод"');
      if (/^\s+- text:/.test(line)) return line.replace(/text: .*/, 'text: "Вариант"');
      if (/^#+ /.test(line)) return line.replace(/ .*/, ' Раздел');
      // A table's figures as Russian writes them: 28 640, 0,95.
      if (/^\|/.test(line)) return line.replace(/(\d),(?=\d{3}(?!\d))/g, '$1\u00a0').replace(/(\d)\.(\d)/g, '$1,$2');
      if (/^[A-Z*]/.test(line) || /^\d+\. \*\*/.test(line)) return line.replace(/[A-Za-z]{5,}/g, 'слово'); // links' targets are lowercase paths: they survive
      return line;
    })
    .join('\n');
}

describe('a translation against its original', () => {
  it('accepts a translation that changes only words', () => {
    const ru = faithful(english);
    expect(ru).not.toEqual(english);
    expect(compareTranslation(english, ru)).toEqual([]);
  });

  it.each([
    [
      'a quiz answer key moved',
      (s: string) =>
        s
          .replace('          correct: true\n', '')
          .replace(/(- text: "It stays[^\n]*\n)/, '$1          correct: true\n'),
    ],
    ['a quiz id changed', (s: string) => s.replace('id: equivariance', 'id: equivariance-ru')],
    ['a prerequisite dropped', (s: string) => s.replace('lessons: [dl-01, cv-03]', 'lessons: [dl-01]')],
    ['a component tag changed', (s: string) => s.replace('<Quiz id="bn-conv" />', '<Quiz id="bn" />')],
    ['a heading dropped', (s: string) => s.replace('## Dilated convolutions\n', '')],
    ['a heading level changed', (s: string) => s.replace('## Dilated convolutions', '### Dilated convolutions')],
    ['runnable code changed', (s: string) => s.replace("conv(32, 'conv1');", "conv(16, 'conv1');")],
    ['a printed string changed', (s: string) => s.replace('`with BN: ', '`с BN: ')],
    ['a fence id dropped', (s: string) => s.replace(' id="receptive-field-of-the-small-stack"', '')],
    ['check code changed', (s: string) => s.replace('check.params(model, 28_640,', 'check.params(model, 28_641,')],
    [
      'a lesson link dropped',
      (s: string) => s.replace('[Modern Architectures](../../cv/cv-05/)', 'Modern Architectures'),
    ],
    ['an import changed', (s: string) => s.replace('import { ArchDiagram,', 'import { ArchDiagram as A,')],
    ['a table figure changed', (s: string) => s.replace('| 3·3·32·32 + 32 = 9,248 |', '| 3·3·32·32 + 32 = 9,284 |')],
  ])('flags a translation where %s', (_, change) => {
    const ru = faithful(change(english));
    expect(ru).not.toEqual(faithful(english));
    expect(compareTranslation(english, ru, 'en.mdx', 'ru.mdx')).not.toEqual([]);
  });

  it('names the line in both files', () => {
    const ru = faithful(english.replace('<Quiz id="bn-conv" />', '<Quiz id="bn" />'));
    const [message] = compareTranslation(english, ru, 'en.mdx', 'ru.mdx');
    const line = (s: string, text: string) => s.split('\n').findIndex((l) => l.includes(text)) + 1;
    expect(message).toContain(`ru.mdx:${line(ru, '<Quiz id="bn" />')}`);
    expect(message).toContain(`en.mdx:${line(english, '<Quiz id="bn-conv" />')}`);
  });
});

describe('code as both languages must share it', () => {
  it('drops comments and keeps strings', () => {
    expect(normaliseCode("const a = 'x'; // note\n/* block */ const b = `t ${a}`;")).toBe(
      "const a = 'x';\nconst b = `t ${a}`;",
    );
  });
  it('blanks messages but keeps the expressions inside a template', () => {
    expect(normaliseCode("check.that(ok, `got ${rates.map((d) => `${d}`).join(', ')} here`, 'why not');", true)).toBe(
      "check.that(ok, `${rates.map((d) => `${d}`).join('')}`, '');",
    );
  });
  it('does not read a // inside a string as a comment', () => {
    expect(normaliseCode("const url = 'https://x.org'; f();")).toBe("const url = 'https://x.org'; f();");
  });
});

describe('figures', () => {
  it('reads numbers as each language writes them', () => {
    expect(figuresIn('28,640 and 0.95% of 1,000,000', 'en')).toBe('28640 0.95 1000000');
    expect(figuresIn('28\u00a0640 и 0,95 % от 1\u00a0000\u00a0000', 'ru')).toBe('28640 0.95 1000000');
  });
});

describe('anchors and links', () => {
  it('slugs headings as the site does, Cyrillic included', () => {
    expect(headingSlugs(['ResNet: residual connections and 150+ layers', 'Связанные уроки', 'A `code` head'])).toEqual([
      'resnet-residual-connections-and-150-layers',
      'связанные-уроки',
      'a-code-head',
    ]);
  });
  it('resolves a relative link from a page to the page it names', () => {
    expect(linkedPage('dl/dl-04.mdx', '../../cv/cv-04/')).toBe('cv/cv-04.mdx');
    expect(linkedPage('index.mdx', 'device/')).toBe('device.mdx');
    expect(linkedPage('cv/cv-04.mdx', '')).toBe('cv/cv-04.mdx');
    expect(linkedPage('cv/cv-04.mdx', 'https://arxiv.org/abs/1512.03385')).toBeUndefined();
  });
  it('lists headings in order', () => {
    expect(structureOf(english).headings.slice(0, 2)).toEqual([
      'Why convolution: three priors',
      'A conv layer is a constrained fully connected layer',
    ]);
  });
});
