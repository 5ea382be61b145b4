import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * A headless Chromium for the browser specs, never downloaded by a test tool: Debian's `chromium` when the
 * machine has it, else the build that ships inside the `@sparticuz/chromium` package (unpacked to /tmp on
 * first use), so `npm install && npm test` needs no system package.
 */
export async function launchBrowser(): Promise<Browser> {
  if (existsSync(DEBIAN_CHROMIUM)) {
    return chromium.launch({ executablePath: DEBIAN_CHROMIUM, args: ['--no-sandbox'] });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const packaged = require('@sparticuz/chromium') as {
    default?: { executablePath(): Promise<string>; args: string[] };
  } & { executablePath(): Promise<string>; args: string[] };
  const shipped = packaged.default ?? packaged;
  return chromium.launch({
    executablePath: await shipped.executablePath(),
    args: shipped.args,
    headless: true,
  });
}
