// The site tier's one server and one Chromium: started once for all its test files, which connect to them
// (servedSite() in browser.ts) instead of each starting its own.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM, CHROMIUM_ARGS, serveDist } from '../../scripts/lib/chromium';
import { DIST } from './site';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The served dist/, or '' where there is no build (the tests then say so through requireBuild()). */
    siteUrl: string;
    /** Where servedSite() connects, or '' without Chromium (the browser tests skip, or fail under REQUIRE_E2E). */
    chromiumEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = existsSync(join(DIST, 'index.html')) ? await serveDist(DIST) : null;
  const browser = CHROMIUM
    ? await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
    : null;
  project.provide('siteUrl', server?.url ?? '');
  project.provide('chromiumEndpoint', browser?.wsEndpoint() ?? '');
  return async () => {
    await browser?.close();
    server?.stop();
  };
}
