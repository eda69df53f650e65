/**
 * A snippet's code links on the page (the format is share.ts): Share copies one, a link in the address opens this
 * page with its code, unsaved and not run, and the reader can take the lesson's code back.
 */
import { text, word } from '../client/words';
import { quietButton } from './quiet-button';
import { decodeCode, LinkError, linkFor, payloadFor } from './share';

/** What the link notices need of the snippet. */
export interface LinkHost {
  readonly root: HTMLElement;
  readonly snippetId: string;
  /** Where notices about the code go (the toolbar's "edited" line). */
  readonly notices: HTMLElement;
  /** Shows `code` from a link, unsaved. */
  showLinked(code: string): void;
  /** Back to the lesson's code, saved as an edit would be, with focus on Run. */
  useLessonCode(): void;
}

/** Whether the page's address carries code for this snippet: such a snippet wakes at once. */
export const carriesLink = (snippetId: string): boolean => payloadFor(snippetId) !== null;

/** Drops this block's code link from the address, so that a reload shows the reader's own saved code. */
export function forgetLink(snippetId: string): void {
  if (!carriesLink(snippetId)) return;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/**
 * Code from a link replaces what is shown, unsaved and not run; the reader can take the lesson's code back. A link
 * that cannot be read leaves the lesson's code and says why.
 */
export async function applyLink(host: LinkHost): Promise<void> {
  const payload = payloadFor(host.snippetId);
  if (payload === null) return;
  host.root.scrollIntoView({ block: 'start' });
  const notice = document.createElement('span');
  notice.className = 'course-snippet__link';
  try {
    host.showLinked(await decodeCode(payload));
    notice.append(`${word('snippet.link.opened')} `);
  } catch (e) {
    if (!(e instanceof LinkError)) throw e;
    notice.append(`${word('snippet.link.unusable', { reason: text(e.words) })} `);
    forgetLink(host.snippetId);
    host.notices.replaceChildren(notice);
    return;
  }
  const back = quietButton(word('snippet.link.useLesson'), () => {
    forgetLink(host.snippetId);
    host.useLessonCode();
  });
  notice.append(back);
  host.notices.replaceChildren(notice);
}

/** Copies a link that opens this page with `code` in this block; shows the link where copying is refused. */
export async function copyLink(snippetId: string, code: string, notices: HTMLElement): Promise<void> {
  const url = await linkFor(snippetId, code);
  const status = document.createElement('span');
  status.className = 'course-snippet__link';
  try {
    await navigator.clipboard.writeText(url);
    status.textContent = word('snippet.link.copied');
  } catch {
    const field = document.createElement('input');
    field.className = 'course-input';
    field.readOnly = true;
    field.value = url;
    field.setAttribute('aria-label', word('snippet.link.field'));
    status.append(`${word('snippet.link.copyThis')} `, field);
    queueMicrotask(() => field.select());
  }
  status.setAttribute('role', 'status');
  notices.replaceChildren(status);
}
