/**
 * Every island's element, defined one way: a custom element that wakes once (`data-ready` marks it and guards a
 * second wake when the element is moved), at the moment its `wake` says, and hands the event that woke it to `mount`
 * so that the island can act on the interaction that woke it (a stroke begun, a layer clicked).
 */

/** Sets the island up in `root`; `first` is the event that woke it, for islands that wake on first use. */
export type MountIsland = (root: HTMLElement, first?: Event) => void;

/**
 * - `near`: when the element comes within a screen of the viewport (so its controls work by the time the reader
 *   sees them) or the keyboard reaches it; not at idle, where a long lesson's islands would all wake at once.
 * - `use`: on the reader's first focus, press, click or change inside it, which `mount` receives.
 * - `load`: as soon as the page has it (the page is for this island, or it must answer at once).
 */
export type Wake = 'near' | 'use' | 'load';

export interface IslandDefinition {
  wake: Wake;
  /** Wakes the island at once whatever `wake` says (a link that carries code for this very snippet). */
  wakeNow?: (root: HTMLElement) => boolean;
  /** The island's code: `mount` when the page already has it, `load` to fetch it when the island wakes. */
  code: { mount: MountIsland } | { load: () => Promise<MountIsland> };
}

/** The interactions that wake a `use` island. */
export const FIRST_USE = ['focusin', 'pointerdown', 'click', 'change'] as const;

/** Comes near: a screen ahead of the viewport, above or below. */
const NEAR_MARGIN = '100% 0px';

/** Calls `wake` once: on the first use inside `root`, with that event. */
function onFirstUse(root: HTMLElement, wake: (first: Event) => void): void {
  const start = (event: Event) => {
    for (const type of FIRST_USE) root.removeEventListener(type, start);
    wake(event);
  };
  for (const type of FIRST_USE) root.addEventListener(type, start);
}

/** Calls `wake` once: when `root` comes near the viewport or focus enters it. */
function onNear(root: HTMLElement, wake: () => void): void {
  const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && start(), {
    rootMargin: NEAR_MARGIN,
  });
  const start = () => {
    io.disconnect();
    root.removeEventListener('focusin', start);
    wake();
  };
  io.observe(root);
  root.addEventListener('focusin', start);
}

/** Defines `<tag>` as an island; a page may hold several, each woken on its own. */
export function defineIsland(tag: string, island: IslandDefinition): void {
  const woken = new WeakSet<HTMLElement>();
  const wake = async (root: HTMLElement, first?: Event) => {
    if (woken.has(root) || root.dataset.ready) return;
    woken.add(root);
    const mount = 'mount' in island.code ? island.code.mount : await island.code.load();
    root.dataset.ready = 'true';
    mount(root, first);
  };
  customElements.define(
    tag,
    class extends HTMLElement {
      connectedCallback() {
        if (woken.has(this) || this.dataset.ready) return;
        if (island.wake === 'load' || island.wakeNow?.(this)) return void wake(this);
        if (island.wake === 'near') onNear(this, () => void wake(this));
        else onFirstUse(this, (first) => void wake(this, first));
      }
    },
  );
}
