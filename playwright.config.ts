import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests against the built app (run `npm run build` first; `npm run test:e2e`
 * does). Playwright cannot download browsers here: Debian's Chromium is used
 * (scripts/ensure-chromium.sh installs it), or $CHROMIUM_PATH.
 */
// E2E_PORT / E2E_DIST let two checkouts (or two people in one) test side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DIST = process.env.E2E_DIST ?? 'dist';
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  // The machines running this are small and shared: one browser at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: BASE_URL,
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    // Not `npx vite`: killing npx would leave vite holding the port.
    command: `node_modules/.bin/vite preview --host 127.0.0.1 --strictPort --port ${PORT} --outDir ${DIST}`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
