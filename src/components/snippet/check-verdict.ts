/** An exercise's verdict as the output shows it: passed or not yet, why, and what the check confirmed. */
import type { SnippetEvent } from '~/runtime/protocol';
import { text, word } from '../client/words';

export function renderVerdict(event: SnippetEvent): HTMLElement {
  const box = document.createElement('div');
  box.className = `course-out__check course-out__check--${event.passed ? 'passed' : 'failed'}`;
  box.setAttribute('role', 'status');
  const heading = document.createElement('strong');
  heading.textContent = word(event.passed ? 'snippet.check.passed' : 'snippet.check.notYet');
  box.append(heading);
  if (event.message) box.append(' ', text(event.message));
  if (event.confirmed.length) {
    const list = document.createElement('ul');
    for (const item of event.confirmed) {
      const li = document.createElement('li');
      li.textContent = `✓ ${text(item)}`;
      list.append(li);
    }
    box.append(list);
  }
  return box;
}
