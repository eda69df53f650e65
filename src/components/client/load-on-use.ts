/**
 * An island whose code loads on the reader's first use of it: the first focus, press, click or change inside
 * `root` calls `load` once, with that event, so the island can act on the interaction that woke it.
 */
const FIRST_USE = ['focusin', 'pointerdown', 'click', 'change'] as const;

export function loadOnFirstUse(root: HTMLElement, load: (first: Event) => void): void {
  let started = false;
  const start = (event: Event) => {
    if (started) return;
    started = true;
    for (const type of FIRST_USE) root.removeEventListener(type, start);
    load(event);
  };
  for (const type of FIRST_USE) root.addEventListener(type, start);
}
