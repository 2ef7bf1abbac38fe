// The Electron shell's own suite (Playwright `_electron`): the real app — main process,
// engine utility process, sandboxed renderer — driven through its window and test hooks.
// Separate from the browser end-to-end config (../../playwright.config.ts). Runs where an
// Electron binary exists (the release workflow on Windows and macOS); skipped elsewhere.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron',
  globalSetup: './global-setup.ts',
  reporter: 'list',
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  timeout: 240_000,
  expect: { timeout: 30_000 },
});
