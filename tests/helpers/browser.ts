import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, serveDist } from '../../scripts/lib/chromium';
import { DIST, requireBuild } from './site';

export { CHROMIUM, CHROMIUM_ARGS, CHROMIUM_BASE_ARGS, launchChromium } from '../../scripts/lib/chromium';

/** Serves the production build, as `npm start` does, on a free port. */
export const startPreview = () => serveDist(DIST);

/** For a describe block: serves dist/ and starts Chromium before its tests, and stops both after. */
export function servedSite(): { readonly browser: Browser; readonly url: string } {
  let browser: Browser | undefined;
  let server: { url: string; stop: () => void } | undefined;
  beforeAll(async () => {
    requireBuild();
    server = await startPreview();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });
  return {
    get browser() {
      return browser!;
    },
    get url() {
      return server!.url;
    },
  };
}
