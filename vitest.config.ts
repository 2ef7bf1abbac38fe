import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node against a real SQLite file and the simulator
// over real HTTPS; end-to-end tests (tests/e2e) belong to Playwright, not to vitest.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/desktop/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
