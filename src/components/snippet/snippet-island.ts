/**
 * The snippet's element, defined with the page. Its code (snippet-element.ts, with the run session and the output
 * view, most of a lesson's script) loads only when a snippet wakes: as it comes near, when the keyboard reaches it,
 * or at once when a link carries code for it.
 */
import { defineIsland } from '../client/define-island';
import { carriesLink } from './share-link';

defineIsland('course-snippet', {
  wake: 'near',
  // A link that carries code for this block: wake up now, so the reader lands on it with that code.
  wakeNow: (root) => carriesLink(root.dataset.snippetId ?? ''),
  code: { load: () => import('./snippet-element').then((m) => m.mountSnippet) },
});
