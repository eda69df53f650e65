/// <reference lib="webworker" />
// The site's service worker. The build (src/integrations/offline.ts) bundles this file, puts the precache list in
// place of `self.__WB_MANIFEST` (workbox-build's injectManifest) and the `_headers` rules in place of
// `__HEADER_RULES__`, and writes it to dist/sw.js.
import {
  addPlugins,
  cleanupOutdatedCaches,
  matchPrecache,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { registerRoute, setCatchHandler, setDefaultHandler } from 'workbox-routing';
import { CacheFirst, NetworkOnly } from 'workbox-strategies';
import { headersFor, type HeaderRule } from './header-rules';
import { ON_FIRST_USE_CACHE_PREFIX, type OnFirstUse } from './on-first-use';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };
declare const __HEADER_RULES__: HeaderRule[];
declare const __ON_FIRST_USE__: OnFirstUse;

/**
 * Every response this worker serves gets the headers the build asks a host for: on a host that sends none, this is
 * what makes the pages cross-origin isolated (threaded WASM) and gives the run worker its own CSP.
 */
const withSiteHeaders = {
  handlerWillRespond: async ({ response }: { response: Response }) => {
    // An opaque or error response cannot be rebuilt, and is not ours to label.
    if (response.type === 'opaque' || response.status === 0) return response;
    const url = new URL(response.url || self.location.href);
    const extra = Object.entries(headersFor(__HEADER_RULES__, url.pathname));
    if (extra.length === 0) return response;
    const headers = new Headers(response.headers);
    for (const [name, value] of extra) headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  },
};

addPlugins([withSiteHeaders]);
// Pages are precached as `cv/cv-04/index.html`; the default directoryIndex maps `/cv/cv-04/` to them. Pagefind
// asks for `pagefind-entry.json?ts=<now>` to get past HTTP caches; offline, the precached one is the answer.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^ts$/] });
cleanupOutdatedCaches();
// The large data sets (Fashion-MNIST) are not precached, so a first visit does not download them: the first run that
// fetches one stores it, and from then on it comes from the cache, offline too.
const onFirstUse = new Set(__ON_FIRST_USE__.paths.map((path) => new URL(path, self.location.href).pathname));
registerRoute(
  ({ url }) => url.origin === self.location.origin && onFirstUse.has(url.pathname),
  new CacheFirst({ cacheName: __ON_FIRST_USE__.cache, plugins: [withSiteHeaders] }),
);
// Anything not precached (a page added since, a 404) still goes to the network, with the same headers.
setDefaultHandler(new NetworkOnly({ plugins: [withSiteHeaders] }));
// Offline, a page that was never precached gets the site's 404 page (with its navigation and search), not the
// browser's error.
setCatchHandler(async ({ request }) => {
  const notFound = request.mode === 'navigate' ? await matchPrecache('404.html') : undefined;
  return notFound ? withSiteHeaders.handlerWillRespond({ response: notFound }) : Response.error();
});

// A new version waits until the reader chooses to reload (the page's update notice), so it never swaps the files
// under a page that is running. The message is the one workbox-window's messageSkipWaiting() sends.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
// The first version takes the open pages at once, so that the page that installed it works offline without a
// reload; the page decides whether to reload for isolation (src/components/offline/register.ts).
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
// A build with other data files names another cache: the old files go when this version takes over.
self.addEventListener('activate', (event) =>
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(ON_FIRST_USE_CACHE_PREFIX) && name !== __ON_FIRST_USE__.cache)
            .map((name) => caches.delete(name)),
        ),
      ),
  ),
);
