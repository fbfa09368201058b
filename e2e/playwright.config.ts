// Playwright drives the console in Debian's Chromium against a real server (started in global setup
// with its own data folder and loopback network) and the real Docker Engine.
import { defineConfig } from "@playwright/test";

export const OUTPUT_DIR = new URL("./output/", import.meta.url).pathname;

export default defineConfig({
  testDir: "./tests",
  outputDir: `${OUTPUT_DIR}test-results`,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  globalSetup: "./global-setup.ts",
  use: {
    baseURL: process.env.STEVEDORE_E2E_URL ?? `http://127.0.0.1:${process.env.STEVEDORE_E2E_PORT ?? 4491}`,
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
});
