/**
 * The page renders once, when its lesson text is parsed, instead of once per chunk the parser yields. A long page
 * otherwise gets a full style and layout pass for every chunk, each over a longer document: ml-29 at 8× CPU slowdown
 * had five such passes (about 150 ms of main thread before throttling) against one of 67 ms, and its Lighthouse
 * score went from 79-85 to 93-97. `<link rel="expect" blocking="render">` (Chromium 124+; other browsers ignore
 * it) holds the first paint until the element with this id is parsed; a page without one paints when parsing ends.
 */
export const CONTENT_END_ID = 'course-content-end';

/** For Starlight's `head` config. */
export const RENDER_ONCE_HEAD = {
  tag: 'link',
  attrs: { rel: 'expect', href: `#${CONTENT_END_ID}`, blocking: 'render' },
} as const;
