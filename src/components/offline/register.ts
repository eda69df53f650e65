import { Workbox } from 'workbox-window';
import { word } from '../client/words';
import { showNotice } from './notice';

/**
 * Registers the service worker (dist/sw.js, built from src/offline/sw.ts) and reacts to it: the one reload that
 * makes a page cross-origin isolated, and the notice that a new version is ready. Loaded once the page is idle
 * (overrides/Footer.astro), so none of it comes before the reader's first paint or first tap.
 */

/** Set for this tab once the page has reloaded for isolation, so that it never does twice (coi-serviceworker). */
const ISOLATION_RELOAD_KEY = 'cv-course:isolation-reload';

/** This tab's reload mark, in sessionStorage; where that is blocked it reads back null, so the page never reloads. */
function session(value?: string): string | null {
  try {
    if (value !== undefined) sessionStorage.setItem(ISOLATION_RELOAD_KEY, value);
    return sessionStorage.getItem(ISOLATION_RELOAD_KEY);
  } catch {
    return null;
  }
}

const reload = () => window.location.reload();
const newVersion = () => showNotice(word('offline.update.available'), word('offline.update.reload'), reload);

/** `touched` says whether the reader has pressed, typed or clicked anything on this page yet. */
export function registerServiceWorker(touched: () => boolean): void {
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  let updating = false;

  // A new version waits for the reader: it only takes over, and the page only reloads, when they say so.
  wb.addEventListener('waiting', () =>
    showNotice(word('offline.update.available'), word('offline.update.reload'), () => {
      updating = true;
      wb.messageSkipWaiting(); // 'controlling' below then reloads
    }),
  );

  wb.addEventListener('controlling', (event) => {
    if (updating) return reload();
    // Another tab took the update: this page keeps the files it has until the reader reloads.
    if (event.isExternal) return newVersion();
    // First visit: the worker now adds the isolation headers, so a reload gives this page threaded WASM. Once per
    // tab, and never after the reader has touched the page (a run, a half-drawn digit, an edit not yet saved).
    if (crossOriginIsolated || touched() || session() !== null) return;
    if (session('pending') === 'pending') reload();
  });

  if (session() === 'pending') {
    session('done');
    showNotice(
      word(crossOriginIsolated ? 'offline.isolation.threaded' : 'offline.isolation.oneThread'),
      word('offline.notice.ok'),
    );
  }
  // Where registration is refused (storage blocked, a private mode, a policy) the site simply stays online-only.
  wb.register().catch(() => undefined);
}
