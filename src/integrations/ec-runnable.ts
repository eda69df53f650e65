/**
 * Expressive Code plugin: a fence marked `run` (```` ```ts run title="LeNet-5" ````) keeps its highlighted,
 * searchable HTML and is wrapped in a `<course-snippet>` element that carries the source for the Run button.
 * The toolbar is part of the page from the start (disabled until the element wakes up), so the page does not
 * shift when snippets hydrate, and a reader who followed a link to a section stays at that section.
 */
import { definePlugin, type ExpressiveCodePlugin } from '@expressive-code/core';
import { h } from '@expressive-code/core/hast';
import { BACKEND_CHOICES, backendLabel } from '../runtime/protocol/backends.ts';

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function toolbar(title: string) {
  const button = (text: string, action: string, className = 'course-button course-button--quiet', extra = {}) =>
    h('button', { type: 'button', class: className, 'data-action': action, disabled: true, ...extra }, text);
  // Ignored by search: the same controls under every snippet would only add noise to results.
  return h(
    'div',
    {
      class: 'course-snippet__bar',
      role: 'toolbar',
      'aria-label': `${title}: run controls`,
      'data-pagefind-ignore': '',
    },
    [
      button('▶ Run', 'run', 'course-button', { title: 'Run (Ctrl+Enter in the editor)' }),
      button('■ Stop', 'stop'),
      button('Edit', 'edit'),
      button('Reset', 'reset'),
      h('label', { class: 'course-snippet__backend' }, [
        'Backend ',
        h(
          'select',
          { 'aria-label': 'Backend', disabled: true },
          BACKEND_CHOICES.map((c) => h('option', { value: c }, backendLabel(c))),
        ),
      ]),
      h('span', { class: 'course-snippet__badge', role: 'status' }),
      h('span', { class: 'course-snippet__edited' }),
    ],
  );
}

export function runnableSnippets(): ExpressiveCodePlugin {
  return definePlugin({
    name: 'course-runnable-snippets',
    hooks: {
      postprocessRenderedBlock: ({ codeBlock, renderData }) => {
        if (!codeBlock.metaOptions.getBoolean('run')) return;
        const file = codeBlock.parentDocument?.sourceFilePath ?? '';
        const page = file.replace(/^.*[\\/]/, '').replace(/\.mdx?$/, '') || 'page';
        const title = codeBlock.metaOptions.getString('title') ?? '';
        const index = codeBlock.parentDocument?.positionInDocument?.groupIndex ?? 0;
        renderData.blockAst = h(
          'course-snippet',
          {
            class: 'course-snippet not-content',
            'data-snippet-id': `${page}/${title ? slugify(title) : `snippet-${index + 1}`}`,
            'data-title': title || 'Code',
            'data-code': codeBlock.code,
          },
          [renderData.blockAst, toolbar(title || 'Code')],
        );
      },
    },
  });
}
