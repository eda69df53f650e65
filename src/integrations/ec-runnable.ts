/**
 * Expressive Code plugin: a fence marked `run` (```` ```ts run title="LeNet-5" ````) keeps its highlighted,
 * searchable HTML and is wrapped in a `<course-snippet>` element that carries the source for the Run button.
 * The toolbar is part of the page from the start (disabled until the element wakes up), so the page does not
 * shift when snippets hydrate, and a reader who followed a link to a section stays at that section.
 *
 * Its words are the page's language's, read from the words tables at build time (this runs in Expressive Code, not
 * in a component, so there is no `Astro.locals.t`): the locale is the page's folder under src/content/docs/, as
 * Starlight's, and a word a translation lacks is the English one, as on the rest of the page.
 */
import { readFileSync } from 'node:fs';
import { definePlugin, type ExpressiveCodeBlock, type ExpressiveCodePlugin } from '@expressive-code/core';
import { h } from '@expressive-code/core/hast';
import { parseExercise, type Exercise } from '../content/exercises.ts';
import { compactLine, defaultTokenStyle } from './ec-compact.ts';
import { backendMenu, statusBadge, stopButton, type ControlNode } from '../components/run/run-controls.ts';
import { LOCALES, localeOfDocPath } from '../content/locales.ts';
import { fillWords, type WordValues } from '../content/words.ts';
import { snippetId } from './snippet-id.ts';

type Say = (key: string, values?: WordValues) => string;

const tables = new Map<string, Record<string, string>>();

/** A language's words table (src/content/i18n/<lang>.json), read once; none for a language without one. */
function wordsTable(lang: string): Record<string, string> {
  let table = tables.get(lang);
  if (!table) {
    const file = new URL(`../content/i18n/${lang}.json`, import.meta.url);
    try {
      table = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      table = {};
    }
    tables.set(lang, table);
  }
  return table;
}

/** How a page in `file` (its source path) says the snippets' words: its locale's table over the English one. */
function sayFor(file: string): Say {
  const locale = localeOfDocPath(file.replace(/\\/g, '/').replace(/^.*\/src\/content\/docs\//, ''));
  const { lang } = LOCALES[locale as keyof typeof LOCALES] ?? LOCALES.root;
  const table = { ...wordsTable('en'), ...wordsTable(lang.split('-')[0]!) };
  return (key, values) => fillWords(table[key] ?? key, values);
}

/** A run control (components/run/run-controls.ts, the islands' spec too) as hast. */
function toHast(control: ControlNode): ReturnType<typeof h> {
  return h(
    control.tag,
    control.attrs,
    control.children.map((child) => (typeof child === 'string' ? child : toHast(child))),
  );
}

function toolbar(title: string, exercise: boolean, say: Say) {
  const button = (text: string, action: string, className = 'course-button course-button--quiet', extra = {}) =>
    h('button', { type: 'button', class: className, 'data-action': action, disabled: true, ...extra }, text);
  // Ignored by search: the same controls under every snippet would only add noise to results.
  return h(
    'div',
    {
      class: 'course-snippet__bar',
      role: 'toolbar',
      'aria-label': say('snippet.toolbar.label', { title }),
      'data-pagefind-ignore': '',
    },
    [
      ...(exercise
        ? [button(say('snippet.toolbar.check'), 'check', 'course-button', { title: say('snippet.toolbar.checkTitle') })]
        : []),
      button(say('snippet.toolbar.run'), 'run', exercise ? 'course-button course-button--quiet' : 'course-button', {
        title: say('snippet.toolbar.runTitle'),
      }),
      toHast(stopButton(say)),
      button(say('snippet.toolbar.edit'), 'edit'),
      button(say('snippet.toolbar.reset'), 'reset'),
      ...(exercise
        ? [button(say('snippet.exercise.hint'), 'hint'), button(say('snippet.exercise.solution'), 'solution')]
        : []),
      button(say('snippet.toolbar.share'), 'share', 'course-button course-button--quiet', {
        title: say('snippet.toolbar.shareTitle'),
      }),
      toHast(backendMenu('toolbar', say)),
      toHast(statusBadge()),
      h('span', { class: 'course-snippet__edited' }),
    ],
  );
}

/** An exercise's hints and solution, readable without JavaScript (disclosures), kept out of search. */
function exerciseExtras(exercise: Exercise, say: Say) {
  return h('div', { class: 'course-exercise__extras', 'data-pagefind-ignore': '' }, [
    ...exercise.hints.map((hint, i) =>
      h('details', { class: 'course-exercise__hint', 'data-hint': String(i) }, [
        h('summary', {}, say('snippet.exercise.hintNumber', { number: i + 1 })),
        h('p', {}, hint),
      ]),
    ),
    h('details', { class: 'course-exercise__solution', 'data-solution': '' }, [
      h('summary', {}, say('snippet.exercise.solution')),
      h('pre', { class: 'course-exercise__solution-code', tabindex: '0' }, h('code', {}, exercise.solution)),
    ]),
  ]);
}

/** Exercises parsed in preprocessing (where the hidden parts are cut from the shown code), by block. */
const exercises = new WeakMap<ExpressiveCodeBlock, Exercise>();

export function runnableSnippets(): ExpressiveCodePlugin {
  return definePlugin({
    name: 'course-runnable-snippets',
    hooks: {
      preprocessCode: ({ codeBlock }) => {
        if (!codeBlock.metaOptions.getBoolean('exercise')) return;
        const id = codeBlock.metaOptions.getString('id');
        if (!id) throw new Error('an exercise fence needs id="…"'); // not reader text: the author's build error
        const title = codeBlock.metaOptions.getString('title') ?? id;
        exercises.set(codeBlock, parseExercise(id, title, codeBlock.code));
        // The reader sees the starter only: everything from the first marker on is the page's.
        const lines = codeBlock.getLines().map((l) => l.text);
        let end = lines.findIndex((l) => /^\/\/! (check|solution|hint)\s*$/.test(l));
        while (end > 0 && lines[end - 1]!.trim() === '') end--;
        codeBlock.deleteLines(lines.map((_, i) => i).filter((i) => i >= end));
      },
      postprocessRenderedLine: ({ codeBlock, renderData, config }) => {
        const code = renderData.lineAst.children.find(
          (c) => c.type === 'element' && c.properties.className?.toString() === 'code',
        );
        const style = defaultTokenStyle(config.themes.map((t) => t.fg));
        if (code?.type === 'element') compactLine(code, style, !codeBlock.props.wrap);
      },
      postprocessRenderedBlock: ({ codeBlock, renderData }) => {
        // Off-screen blocks are not laid out (course.css); their line count lets the page keep their height.
        renderData.blockAst.properties.style = `--course-code-lines: ${codeBlock.getLines().length}`;
        const exercise = exercises.get(codeBlock);
        if (!exercise && !codeBlock.metaOptions.getBoolean('run')) return;
        const file = codeBlock.parentDocument?.sourceFilePath ?? '';
        const say = sayFor(file);
        const page = file.replace(/^.*[\\/]/, '').replace(/\.mdx?$/, '') || 'page';
        const title = exercise?.title ?? codeBlock.metaOptions.getString('title') ?? '';
        const shownTitle = title || say('snippet.defaultTitle');
        const index = codeBlock.parentDocument?.positionInDocument?.groupIndex ?? 0;
        const id = exercise
          ? `exercise-${exercise.id}`
          : snippetId(codeBlock.metaOptions.getString('id'), title, index + 1);
        const snippet = h(
          'course-snippet',
          {
            class: 'course-snippet not-content',
            'data-snippet-id': `${page}/${id}`,
            'data-title': shownTitle,
            // The code itself is not repeated here: the element reads it from the block's copy button.
            ...(exercise ? { 'data-check': exercise.check, 'data-solution': exercise.solution } : {}),
          },
          [renderData.blockAst, toolbar(shownTitle, Boolean(exercise), say)],
        );
        renderData.blockAst = exercise
          ? h(
              'section',
              {
                class: 'course-exercise not-content',
                'data-exercise': exercise.id,
                'data-lesson': page,
                'data-state': 'idle',
                'aria-label': say('snippet.exercise.label', { title }),
              },
              [
                h('p', { class: 'course-exercise__title' }, [
                  h('strong', {}, say('snippet.exercise.heading')),
                  ' ',
                  title,
                ]),
                snippet,
                exerciseExtras(exercise, say),
              ],
            )
          : snippet;
      },
    },
  });
}
