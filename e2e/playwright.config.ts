import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the built editor served by an in-process Sluice (see `support/sluice.ts`).
 * Debian's Chromium, never a downloaded browser: this machine cannot download one. One worker:
 * the machines have 2 cores and each test runs a server and a browser. For the same reason turbo
 * runs these after the other packages' tests (`e2e/turbo.json`), not beside the crash test.
 */
export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env['SLUICE_CHROMIUM'] ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
