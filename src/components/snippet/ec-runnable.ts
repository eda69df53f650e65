/**
 * Expressive Code plugin: a fence marked `run` (```` ```ts run title="LeNet-5" ````) keeps its highlighted,
 * searchable HTML and is wrapped in a `<course-snippet>` element that carries the source for the Run button.
 */
import { definePlugin, type ExpressiveCodePlugin } from '@expressive-code/core';
import { h } from '@expressive-code/core/hast';

const slugify = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

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
          [renderData.blockAst],
        );
      },
    },
  });
}
