// playwright-core is loaded when a sign-in opens a browser, not when the port's module is
// imported: `tsm token` (which imports the session manager and its wiring) never pays for it.
// This file imports nothing that loads playwright-core, so the module cache starts without it.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { closedPortUrl } from '../../support/raw-server.js';

const require = createRequire(import.meta.url);

/** Has this process loaded playwright-core? (Its ESM entry loads the CommonJS one.) */
function playwrightLoaded(): boolean {
  return Object.keys(require.cache).some((path) => path.includes('/node_modules/playwright-core/'));
}

describe('the DevTools port loads playwright-core lazily', () => {
  it('importing it does not load playwright-core; opening a browser does', async () => {
    expect(playwrightLoaded()).toBe(false);
    const { devToolsBrowser } =
      await import('../../../electron/core/browser-sign-in/devtools-browser.js');
    const signIn = devToolsBrowser({ endpoint: await closedPortUrl() });
    expect(playwrightLoaded()).toBe(false);

    // Nothing answers there, but getting that far needs Playwright: now it is loaded.
    await expect(signIn.open('http://127.0.0.1:1/', { title: 'x' })).rejects.toThrow(
      'No browser answered',
    );
    expect(playwrightLoaded()).toBe(true);
  });
});
