/**
 * Starlight's "On this page" element, marking the section being read, without its cost on a long lesson. Starlight
 * 0.42's own (components-internals/TableOfContents/starlight-toc.ts) finds the sections with four `:has()` selectors
 * over the whole of `<main>` and observes every block of the lesson; on cv-04 (9,000 elements) that is two idle
 * tasks of 580 to 890 ms each at 8× CPU slowdown, most of the page's total blocking time. This one reads where the
 * few headings are when the page scrolls: a heading whose top has passed a line under the header is behind the
 * reader, and the current section is the last such heading's. The build puts this module in place of Starlight's (integrations/light-toc.ts),
 * so Starlight's markup, styles and mobile variant (which extends this class) are unchanged.
 */

/** How far under the header a heading counts as reached: Starlight's 32 px padding and its 53 px band. */
const BELOW_HEADER_PX = 32 + 53;

// Idle, but not later than a second: a busy page (a lab training, a slow phone) can go without idle time for long.
const onIdle = (callback: () => void) =>
  'requestIdleCallback' in window ? requestIdleCallback(callback, { timeout: 1000 }) : setTimeout(callback, 1);

/** After a resize the layout (and the scroll position it anchors) can still move for a few frames. */
const SETTLE_MS = 250;

export class StarlightTOC extends HTMLElement {
  private _current = this.querySelector<HTMLAnchorElement>('a[aria-current="true"]');

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
    // Each link's heading, in the page's order (the list's); the first is the page title's.
    const sections = [...this.querySelectorAll('a')].flatMap((link) => {
      const heading = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      return heading ? [{ heading, link }] : [];
    });
    if (sections.length === 0) return;
    let line = this.line();
    let frame = 0;
    // Read on scroll, at most once a frame: an observer is told nothing when a jump (a link, a search hit) carries a
    // heading from below the screen to above the line without its ever crossing the viewport in between.
    const mark = () => {
      frame = 0;
      let current = sections[0]!;
      for (const section of sections) {
        if (section.heading.getBoundingClientRect().top >= line) break;
        current = section;
      }
      this.current = current.link;
    };
    const soon = () => (frame ||= requestAnimationFrame(mark));
    addEventListener('scroll', soon, { passive: true });
    addEventListener('scrollend', soon, { passive: true });
    addEventListener('resize', () => {
      line = this.line();
      soon();
      setTimeout(() => ((line = this.line()), soon()), SETTLE_MS);
    });
    mark();
  }

  /** The line, in px from the viewport's top: under the header and, on a phone, under this element's summary. */
  private line(): number {
    const header = document.querySelector('header')?.getBoundingClientRect().height ?? 0;
    const summary = this.querySelector('summary')?.getBoundingClientRect().height ?? 0;
    return Math.round(header + summary + BELOW_HEADER_PX);
  }
}

customElements.define('starlight-toc', StarlightTOC);
