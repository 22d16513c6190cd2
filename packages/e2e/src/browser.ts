import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/** Debian's Chromium (playwright cannot download its own browsers here). */
export const CHROMIUM_EXECUTABLE =
  process.env.OPSKIT_CHROMIUM ?? '/usr/bin/chromium';

/** Runs as root, offline, without a GPU. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The options both the e2e run (playwright.config.ts) and the UI timings launch Chromium with. */
export const CHROMIUM_LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: CHROMIUM_EXECUTABLE,
  headless: true,
  args: CHROMIUM_ARGS,
};

/** Debian's Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
}
