import { defineRouteMiddleware } from '@astrojs/starlight/route-data';

/**
 * A page not yet translated is shown under its locale in English (Starlight's fallback); search must find it once,
 * in English, not again in the other language's index with English words.
 */
export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  if (route.isFallback) route.entry.data.pagefind = false;
});
