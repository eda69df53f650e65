import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '~': new URL('./src', import.meta.url).pathname } },
  test: {
    include: ['tests/**/*.test.ts'],
    // Site tests read dist/; `npm test` builds it first (see package.json).
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests poll the page while other test files load both cores; 1 s (the default) is too tight there.
    expect: { poll: { timeout: 10_000 } },
  },
});
