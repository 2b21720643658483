import { defineConfig } from '@playwright/test';

// Browser tests against real `supportchat serve` processes (tests/e2e/support/processes.ts). Nothing downloads a
// browser: Debian's chromium (apt-get install chromium), or the one CHROMIUM_PATH names. One worker: every test starts
// its own server and agent, and the machine has two cores.
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    },
    trace: 'retain-on-failure',
  },
});
