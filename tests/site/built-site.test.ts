import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLessons } from '~/content/lesson-graph';
import { builtPages, DIST, parsePage, requireBuild, textOf } from '../helpers/site';

const SEED = readFileSync(new URL('../content/fixtures/seed-cv-04.txt', import.meta.url), 'utf8');
const lessons = readLessons();
const CV04 = '/cv/cv-04/';

beforeAll(requireBuild);

/** Each section of the seed lesson (as the seed writes it) and where the built cv-04 page must have it. */
const SEED_SECTIONS: Array<{ seed: string; heading?: string; callout?: string }> = [
  { seed: 'Предварительные знания', heading: 'Prerequisites' },
  { seed: 'Bank check readers', heading: 'Where these networks run' },
  { seed: 'Historical context', heading: 'Historical context' },
  { seed: 'LeNet-5: the first successful CNN', heading: 'LeNet-5: the classic convolutional network' },
  { seed: '**Why Tanh (not ReLU)**', callout: 'Why tanh, not ReLU?' },
  { seed: 'AlexNet: deep learning wins ImageNet', heading: 'AlexNet: deep learning wins ImageNet' },
  { seed: '**Local Response Normalization (LRN)**', callout: 'Local Response Normalization (LRN)' },
  { seed: 'VGG: depth through 3x3 filters', heading: 'VGG: depth through 3x3 filters' },
  { seed: '**VGG parameter count**', callout: "Where VGG-16's parameters sit" },
  { seed: 'ResNet: residual connections and 150+ layers', heading: 'ResNet: residual connections and 150+ layers' },
  { seed: '**Pre-activation ResNet (v2)**', callout: 'Pre-activation ResNet (v2)' },
  { seed: 'Key Takeaways', heading: 'Key takeaways' },
  { seed: 'Related Topics', heading: 'Related topics' },
  { seed: 'Вопросы для размышления', heading: 'Reflection questions' },
  { seed: 'Связанные уроки', heading: 'Related lessons' },
];

/** The seed's four check questions, by a phrase each, and the seed's four real-world cases. */
const SEED_QUESTIONS = ['key advantage of', 'ReLU instead of', 'two 3×3', 'residual connections solve'];
const SEED_CASES = [/check/i, /ImageNet/, /ResNet-152/, /MobileNet/];

describe('the built cv-04 page', () => {
  const page = () => parsePage(CV04);

  it.each(SEED_SECTIONS)('has the seed section "$seed"', ({ seed, heading, callout }) => {
    expect(SEED, 'the table above must quote the seed').toContain(seed);
    if (heading)
      expect(
        page()
          .querySelectorAll('h2')
          .map((h) => textOf(h).trim()),
      ).toContain(heading);
    if (callout)
      expect(
        page()
          .querySelectorAll('.starlight-aside__title')
          .map((t) => textOf(t).trim()),
      ).toContain(callout);
  });

  it('asks the four check questions of the seed, in order', () => {
    const legends = page().querySelectorAll('course-quiz legend').map(textOf);
    expect(legends).toHaveLength(4);
    SEED_QUESTIONS.forEach((phrase, i) => expect(legends[i]).toContain(phrase));
  });

  it('tells the four real-world cases under "Where these networks run"', () => {
    const html = parsePage(CV04).toString();
    const section = html.slice(html.indexOf('id="where-these-networks-run"'), html.indexOf('id="historical-context"'));
    for (const c of SEED_CASES) expect(section).toMatch(c);
  });

  it('corrects the seed where the papers disagree with it, in fact-check callouts', () => {
    const text = textOf(page());
    expect(page().querySelectorAll('[data-factcheck]').length).toBeGreaterThanOrEqual(4);
    expect(text).toContain('123.6'); // VGG-16's three FC layers (the seed says 102M)
    expect(text).toMatch(/10\.9 (percentage )?points/); // 26.2 - 15.3 (the seed says 10.8)
    expect(text).toContain('Network in Network'); // GAP's origin (the seed says GoogLeNet)
  });

  it('cites the original papers', () => {
    const html = page().toString();
    const refs = html.slice(html.indexOf('id="references"'));
    for (const paper of [
      'Gradient-based learning',
      'ImageNet classification',
      'Very deep convolutional',
      'Network in network',
      'Deep residual learning',
      'Identity mappings',
      'MobileNets',
    ])
      expect(refs.toLowerCase()).toContain(paper.toLowerCase());
  });
});

describe('every lesson page', () => {
  it.each(lessons.map((l) => [l.lesson.id, l] as const))(
    '%s lets the keyboard reach every table and code block, which may scroll sideways',
    (_id, l) => {
      const page = parsePage(`/${l.lesson.track}/${l.lesson.id}/`);
      const scrollers = page.querySelectorAll('.sl-markdown-content table, .sl-markdown-content pre');
      expect(scrollers.length).toBeGreaterThan(0);
      expect(scrollers.filter((t) => t.getAttribute('tabindex') !== '0').map((t) => textOf(t).slice(0, 60))).toEqual(
        [],
      );
    },
  );

  it.each(lessons.map((l) => [l.lesson.id, l] as const))(
    '%s renders its prerequisites, quizzes and related lessons',
    (_id, l) => {
      const page = parsePage(`/${l.lesson.track}/${l.lesson.id}/`);
      const hrefs = page.querySelectorAll('.course-links a').map((a) => a.getAttribute('href'));
      for (const { id } of [...l.lesson.relatedLessons, ...l.lesson.relatedTopics])
        expect(
          hrefs.some((h) => h?.includes(`/${id}/`)),
          `link to ${id}`,
        ).toBe(true);
      const prereqLinks = page.querySelectorAll('.course-prereqs a').map((a) => a.getAttribute('href'));
      for (const id of l.lesson.prerequisites.lessons)
        expect(prereqLinks.some((h) => h?.endsWith(`/${id}/`))).toBe(true);
      expect(page.querySelectorAll('course-quiz')).toHaveLength(l.lesson.quiz.length);
    },
  );

  it.each(lessons.map((l) => [l.lesson.id, l] as const))('%s states every quiz answer without JavaScript', (_id, l) => {
    const quizzes = parsePage(`/${l.lesson.track}/${l.lesson.id}/`).querySelectorAll('course-quiz');
    expect(quizzes).toHaveLength(l.lesson.quiz.length);
    for (const el of quizzes) {
      const quiz = l.lesson.quiz.find((q) => `${l.lesson.id}/${q.id}` === el.getAttribute('data-quiz-key'))!;
      const correct = quiz.options.findIndex((o) => o.correct);
      const answers = el.querySelectorAll('details li');
      expect(answers[correct]!.classList.contains('is-correct')).toBe(true);
      expect(textOf(answers[correct]!)).toContain(textOf(parse(quiz.options[correct]!.explanation)).slice(0, 40));
    }
  });
});

describe('every link in the built site', () => {
  const pages = builtPages();
  const targetFile = (url: string) => join(DIST, decodeURIComponent(url), url.endsWith('/') ? 'index.html' : '');

  it.each(pages.map((p) => [p.url, p] as const))('on %s resolves to a page and an anchor that exist', (url) => {
    const broken: string[] = [];
    for (const a of parsePage(url).querySelectorAll('a[href]')) {
      const href = a.getAttribute('href')!;
      if (/^(https?:|mailto:)/.test(href)) continue;
      const target = new URL(href, `http://site${url}`);
      if (!existsSync(targetFile(target.pathname))) {
        broken.push(`${href} (no ${target.pathname})`);
        continue;
      }
      const anchor = decodeURIComponent(target.hash.slice(1));
      if (anchor && target.pathname.endsWith('/') && !parsePage(target.pathname).getElementById(anchor))
        broken.push(`${href} (no #${anchor} on ${target.pathname})`);
    }
    expect(broken).toEqual([]);
  });
});

describe('search', () => {
  it('indexes every lesson page, code blocks included', () => {
    for (const l of lessons) {
      const page = parsePage(`/${l.lesson.track}/${l.lesson.id}/`);
      const body = page.querySelector('[data-pagefind-body]');
      expect(body, `${l.lesson.id} is indexed`).not.toBeNull();
      // Every code block is searchable, except exercises' solutions, which search must not give away.
      for (const code of body!.querySelectorAll('pre:not(.course-exercise__solution-code)'))
        expect(
          code.closest('[data-pagefind-ignore]') === null,
          `${l.lesson.id}: ${code.textContent.slice(0, 60)}`,
        ).toBe(true);
    }
    const entry = JSON.parse(readFileSync(join(DIST, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    const indexed = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    expect(indexed).toBeGreaterThanOrEqual(lessons.length);
  });
});
