/**
 * The web app manifest, which makes the course installable. Every URL in it is relative to the manifest itself
 * (`<base>manifest.webmanifest`), so one file works under any base path.
 */
export const MANIFEST_FILE = 'manifest.webmanifest';

/** The icons the build renders from public/favicon.svg (src/integrations/offline.ts): file, size, purpose. */
export const ICONS = [
  { src: 'icons/icon-192.png', size: 192, purpose: 'any' },
  { src: 'icons/icon-512.png', size: 512, purpose: 'any' },
  { src: 'icons/icon-maskable-512.png', size: 512, purpose: 'maskable' },
] as const;

/** Starlight's dark page background, `--sl-color-black` (hsl(224, 10%, 10%)): the splash screen and title bar. */
const DARK_BACKGROUND = '#17181c';

export function webManifest(name: string, description: string) {
  return {
    name,
    short_name: name,
    description,
    id: './',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: DARK_BACKGROUND,
    theme_color: DARK_BACKGROUND,
    icons: ICONS.map(({ src, size, purpose }) => ({ src, sizes: `${size}x${size}`, type: 'image/png', purpose })),
  };
}
