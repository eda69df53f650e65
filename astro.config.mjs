// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { LOCALES } from './src/content/locales.ts';
import { SIDEBAR, SITE_DESCRIPTION, SITE_TITLE } from './src/content/sidebar.ts';
import { runnableSnippets } from './src/integrations/ec-runnable.ts';
import { architectureGraphs } from './src/integrations/architecture-graphs.ts';
import { lessonGraph } from './src/integrations/lesson-graph.ts';
import { runtimeAssets } from './src/integrations/runtime-assets.ts';
import { ISOLATION_HEADERS, PAGE_POLICY, securityHeaders } from './src/integrations/security-policy.ts';
import { wasmThreads } from './src/integrations/wasm-threads.ts';
import { lightToc } from './src/integrations/light-toc.ts';
import { offline } from './src/integrations/offline.ts';
import { MANIFEST_FILE } from './src/offline/web-manifest.ts';
import { RENDER_ONCE_HEAD } from './src/components/render-once.ts';

// SITE_BASE lets the same build be served under a sub-path (e.g. /course/) on a static host.
const base = process.env.SITE_BASE ?? '/';
// The title, description and sidebar labels are words of the tables (src/content/sidebar.ts).
const title = SITE_TITLE.en;
const description = SITE_DESCRIPTION;

export default defineConfig({
  site: process.env.SITE_URL ?? 'https://cv-course.example',
  base,
  trailingSlash: 'always',
  // `astro dev` and `astro preview` isolate the site as the build's _headers asks a host to (threaded WASM).
  server: { headers: ISOLATION_HEADERS },
  // The run worker loads backends with dynamic import(), which needs ES-module workers; tfjs's threaded WASM needs
  // its thread scripts served as files (wasm-threads.ts).
  // In dev, tfjs is pre-bundled, so the same patch goes to the dependency optimizer.
  vite: {
    // Starlight's "On this page" script, cheaper on a long lesson (light-toc.ts).
    plugins: [lightToc()],
    worker: { format: 'es', plugins: () => [wasmThreads()] },
    optimizeDeps: { rolldownOptions: { plugins: [wasmThreads()] } },
  },
  integrations: [
    lessonGraph(),
    runtimeAssets(),
    securityHeaders(),
    architectureGraphs(),
    starlight({
      title: SITE_TITLE,
      description,
      // One table of languages (src/content/locales.ts); English is the root locale, so no URL changes.
      locales: LOCALES,
      pagefind: true,
      expressiveCode: { plugins: [runnableSnippets()] },
      routeMiddleware: './src/components/overrides/route-data.ts',
      head: [
        // The site only talks to its own origin; the run worker gets its own, stricter policy (security-policy.ts).
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: PAGE_POLICY } },
        // Installable, and offline after one visit (src/integrations/offline.ts).
        { tag: 'link', attrs: { rel: 'manifest', href: `${base.replace(/\/?$/, '/')}${MANIFEST_FILE}` } },
        // One style and layout pass when the lesson's text is in, not one per parsed chunk (render-once.ts).
        RENDER_ONCE_HEAD,
      ],
      components: {
        PageTitle: './src/components/overrides/PageTitle.astro',
        MarkdownContent: './src/components/overrides/MarkdownContent.astro',
        Search: './src/components/overrides/Search.astro',
        Footer: './src/components/overrides/Footer.astro',
      },
      customCss: ['./src/components/styles/course.css', './src/components/snippet/snippet.css'],
      sidebar: SIDEBAR,
    }),
    mdx(),
    // After Starlight, whose build hook writes the Pagefind index that this one precaches.
    offline({ name: title, description }),
  ],
});
