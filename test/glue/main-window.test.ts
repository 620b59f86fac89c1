// electron/main.ts against the Electron double: the window it builds and how it is hardened.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRODUCT_NAME } from '../../electron/core/product.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/shell/trusted-sender.js';
import { BUILT_PRELOAD } from '../electron-double/load-preload.js';
import { launchMain, type LaunchedMain } from './support/launch-main.js';

vi.mock('electron', async () => (await import('../electron-double/install.js')).electronModule());

let main: LaunchedMain | undefined;
afterEach(() => main?.stop());

describe('the main window', () => {
  it('is sandboxed, isolated, without Node, with web security, and preloads the built preload', async () => {
    main = await launchMain();
    const { options, loaded } = main.window();
    expect(options).toMatchObject({ title: PRODUCT_NAME, show: false });
    expect(options.webPreferences).toMatchObject({
      preload: BUILT_PRELOAD,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: true,
    });
    expect(existsSync(BUILT_PRELOAD), 'run npm run build').toBe(true);
    expect(loaded).toHaveLength(1);
    expect(loaded[0]).toMatch(/renderer[/\\]dist[/\\]index\.html$/);
    expect(existsSync(loaded[0] ?? ''), 'the renderer it loads is built').toBe(true);
  });

  it('is shown once ready, and has no devtools when packaged', async () => {
    main = await launchMain({ isPackaged: true });
    const window = main.window();
    await vi.waitFor(() => expect(window.isVisible()).toBe(true), { timeout: 15_000 });
    expect(window.options.webPreferences).toMatchObject({ devTools: false });
  });

  it('serves every response with the Content-Security-Policy, keeping other headers', async () => {
    main = await launchMain();
    const headers = await main.double.responseHeaders('file:///index.html', { 'X-Other': ['1'] });
    expect(headers).toEqual({
      'X-Other': ['1'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('refuses every permission request and check', async () => {
    main = await launchMain();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read'])
      await expect(main.double.requestPermission(permission)).resolves.toBe(false);
    expect(main.double.checkPermission('media')).toBe(false);
  });

  it('never navigates away from its page, opens no window and attaches no webview', async () => {
    main = await launchMain();
    const contents = main.window().webContents;
    const own = contents.getURL();
    expect(own).toBe(pathToFileURL(main.window().loaded[0] ?? '').href);
    expect(contents.navigate('https://evil.example/')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);
    expect(contents.getURL()).toBe(own);
    expect(contents.navigate(`${own}#/profiles`)).toBe(true);
    expect(contents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(contents.attachWebview()).toBe(false);
  });

  it('hides on close while the tray exists, and closes for real when quitting', async () => {
    main = await launchMain();
    const window = main.window();
    await vi.waitFor(() => expect(window.isVisible()).toBe(true), { timeout: 15_000 });
    expect(main.double.trays).toHaveLength(1);
    expect(window.close()).toBe(false);
    expect(window.isVisible()).toBe(false);
    expect(window.isDestroyed()).toBe(false);
    main.double.app.quit();
    expect(window.isDestroyed()).toBe(true);
    expect(main.double.app.exited).toBe(true);
  });
});
