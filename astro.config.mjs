// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { TRACKS } from './src/content/tracks.ts';
import { lessonGraph } from './scripts/lesson-graph-integration.ts';

// SITE_BASE lets the same build be served under a sub-path (e.g. /course/) on a static host.
const base = process.env.SITE_BASE ?? '/';

export default defineConfig({
  site: process.env.SITE_URL ?? 'https://cv-course.example',
  base,
  trailingSlash: 'always',
  integrations: [
    lessonGraph(),
    starlight({
      title: 'CV Course',
      description: 'An interactive course on how convolutional neural networks are built, from LeNet to ResNet.',
      pagefind: true,
      components: {
        PageTitle: './src/components/overrides/PageTitle.astro',
      },
      customCss: ['./src/components/styles/course.css'],
      sidebar: [
        { label: 'Start here', items: [{ label: 'Welcome', link: '/' }, { label: 'Course map', link: '/map/' }] },
        ...Object.entries(TRACKS).map(([directory, label]) => ({ label, items: [{ autogenerate: { directory } }] })),
      ],
    }),
    mdx(),
  ],
});
