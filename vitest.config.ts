import { defineConfig } from 'vitest/config';

/**
 * Three tiers, each a Vitest project (`vitest run --project fast`); `npm test` runs all three.
 * - fast: source-level tests, about three minutes on two cores with `npm run test:fast` (type check and lint too):
 *   unit, architecture, lesson sources, programs on tiny budgets, every fence type-checked.
 * - site: the built site (`dist/`, which `npm test` and `npm run test:site` build first) and Chromium end to end,
 *   with one server and one Chromium for the whole project (tests/helpers/site-setup.ts).
 * - claims: the tests that prove figures the course states (accuracies, retraining, full-size models, experiments,
 *   every fence run to the end). Slow by nature.
 */
export default defineConfig({
  resolve: { alias: { '~': new URL('./src', import.meta.url).pathname } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests poll the page while other test files load both cores; 1 s (the default) is too tight there.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      {
        test: {
          name: 'fast',
          include: ['tests/{unit,architecture,content,programs,snippets}/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'site',
          include: ['tests/{site,e2e}/**/*.test.ts'],
          globalSetup: ['tests/helpers/site-setup.ts'],
        },
      },
      // Building and training full models on two cores: a minute is not a budget here (vgg11-bn's small variant
      // took 30 s alone and 73 s beside a site run).
      { test: { name: 'claims', include: ['tests/claims/**/*.test.ts'], testTimeout: 300_000 } },
    ],
  },
});
