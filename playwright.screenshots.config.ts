import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run screenshots`: the main Playwright set-up (browser, server, 1280×720),
 * pointed at scripts/screenshots.spec.ts only. Screenshots are documentation, not a
 * test, so they live outside tests/e2e and `npm test` never sees (or skips) them.
 */
export default defineConfig({
  ...base,
  testDir: 'scripts',
  testMatch: 'screenshots.spec.ts',
  // Long pages with charts and a live model take a while to settle on a small machine.
  timeout: 120_000,
});
