/**
 * Starlight's "On this page" element, marking the section being read, without its cost on a long lesson. Starlight
 * 0.42's own (components-internals/TableOfContents/starlight-toc.ts) finds the sections with four `:has()` selectors
 * over the whole of `<main>` and observes every block of the lesson; on cv-04 (9,000 elements) that is two idle
 * tasks of 580 to 890 ms each at 8× CPU slowdown, most of the page's total blocking time. This one observes the
 * headings alone: a heading whose top has passed a line under the header is behind the reader, and the current
 * section is the last such heading's. The build puts this module in place of Starlight's (integrations/light-toc.ts),
 * so Starlight's markup, styles and mobile variant (which extends this class) are unchanged.
 */

/** Starlight's id for the page title, its first entry (`PAGE_TITLE_ID` in Starlight's constants). */
const PAGE_TITLE_ID = '_top';
/** How far under the header a heading counts as reached: Starlight's 32 px padding and its 53 px band. */
const BELOW_HEADER_PX = 32 + 53;

const onIdle = (callback: () => void) => (window.requestIdleCallback ?? ((cb) => setTimeout(cb, 1)))(callback);

export class StarlightTOC extends HTMLElement {
  private _current = this.querySelector<HTMLAnchorElement>('a[aria-current="true"]');
  private minH = parseInt(this.dataset.minH || '2', 10);
  private maxH = parseInt(this.dataset.maxH || '3', 10);

  protected set current(link: HTMLAnchorElement) {
    if (link === this._current) return;
    this._current?.removeAttribute('aria-current');
    link.setAttribute('aria-current', 'true');
    this._current = link;
  }

  constructor() {
    super();
    onIdle(() => this.init());
  }

  private init(): void {
    const links = new Map([...this.querySelectorAll('a')].map((a) => [decodeURIComponent(a.hash.slice(1)), a]));
    const levels = Array.from({ length: 1 + this.maxH - this.minH }, (_, i) => `h${this.minH + i}[id]`);
    const headings = [...document.querySelectorAll(`main :is(h1#${PAGE_TITLE_ID}, ${levels.join()})`)].filter((h) =>
      links.has(h.id),
    );
    if (headings.length === 0) return;
    const passed = new Set<Element>();
    const mark = () => {
      const current = headings.findLast((h) => passed.has(h)) ?? headings[0]!;
      this.current = links.get(current.id)!;
    };
    let observer: IntersectionObserver | undefined;
    const observe = () => {
      if (observer) return;
      const line = this.line();
      // Thresholds 0 and 1: told when a heading starts to cross the line and when it is wholly on one side.
      observer = new IntersectionObserver(
        (entries) => {
          for (const { target, boundingClientRect, rootBounds } of entries) {
            if (boundingClientRect.top < (rootBounds?.top ?? line)) passed.add(target);
            else passed.delete(target);
          }
          mark();
        },
        { rootMargin: `-${line}px 0px 0px 0px`, threshold: [0, 1] },
      );
      for (const heading of headings) observer.observe(heading);
    };
    observe();
    let timeout: ReturnType<typeof setTimeout> | undefined;
    window.addEventListener('resize', () => {
      observer?.disconnect();
      observer = undefined;
      passed.clear();
      clearTimeout(timeout);
      timeout = setTimeout(() => onIdle(observe), 200);
    });
  }

  /** The line, in px from the viewport's top: under the header and, on a phone, under this element's summary. */
  private line(): number {
    const header = document.querySelector('header')?.getBoundingClientRect().height ?? 0;
    const summary = this.querySelector('summary')?.getBoundingClientRect().height ?? 0;
    return Math.round(header + summary + BELOW_HEADER_PX);
  }
}

customElements.define('starlight-toc', StarlightTOC);
