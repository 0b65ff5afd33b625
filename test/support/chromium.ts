import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** Whether Debian's Chromium is here; browser tests skip without it (CI installs it). */
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/** What to do when it is missing, for the skip message. */
export const CHROMIUM_HINT = 'needs Debian’s Chromium at /usr/bin/chromium: sudo apt-get install -y chromium';

/** Headless Chromium with the flags this machine needs (its closed network refuses background traffic). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}
