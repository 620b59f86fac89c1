// electron/browser-sign-in-window.ts, the desktop app's BrowserSignIn port, against the Electron
// double: the window it builds, the cookies it reports, how it ends, and how it forgets.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignInWindow } from '../../electron/core/browser-sign-in/port.js';
import { createElectronDouble, type ElectronDouble } from '../electron-double/electron-double.js';
import { installElectronDouble } from '../electron-double/install.js';
import type { DoublePartitionSession } from '../electron-double/sessions.js';
import type { DoubleBrowserWindow } from '../electron-double/windows.js';

vi.mock('electron', async () => (await import('../electron-double/install.js')).electronModule());

const START = 'https://acme.example.com/callosum/v1/saml/login?targetURLPath=%2F';
let double: ElectronDouble;

beforeEach(() => {
  double = createElectronDouble({ userData: mkdtempSync(join(tmpdir(), 'tsm-signin-win-')) });
  installElectronDouble(double);
});

async function port() {
  return import('../../electron/browser-sign-in-window.js');
}

/** Opens a sign-in window through the port; returns it with the double's window and session. */
async function opened(parent?: DoubleBrowserWindow): Promise<{
  signIn: SignInWindow;
  win: DoubleBrowserWindow;
  ses: DoublePartitionSession;
}> {
  const { electronBrowserSignIn } = await port();
  const browser = electronBrowserSignIn({
    // The double's window stands where Electron's would.
    parent: () => parent as unknown as Electron.BrowserWindow | undefined,
  });
  const signIn = await browser.open(START, { title: 'Sign in to Prod' });
  const win = double.windows.at(-1);
  if (!win) throw new Error('the port opened no window');
  const partition = (win.options.webPreferences as { partition: string }).partition;
  const ses = double.partitions.get(partition);
  if (!ses) throw new Error(`no session for ${partition}`);
  return { signIn, win, ses };
}

describe('the Electron sign-in window', () => {
  it('is a window of its own: an in-memory partition, sandboxed, no preload, no node', async () => {
    const { win } = await opened();
    expect(win.options).toMatchObject({
      width: 520,
      height: 720,
      title: 'Sign in to Prod',
      autoHideMenuBar: true,
    });
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(prefs).not.toHaveProperty('preload');
    expect(prefs.partition).toMatch(/^tsm-sign-in-[0-9a-f-]{36}$/);
    expect(win.loaded).toEqual([START]);
    expect(win.options).not.toHaveProperty('parent');
  });

  it('gives each sign-in a fresh partition, and denies its permission requests', async () => {
    const first = await opened();
    const second = await opened();
    expect(first.ses).not.toBe(second.ses);
    expect(first.ses.partition).not.toBe(second.ses.partition);
    await expect(first.ses.requestPermission('notifications')).resolves.toBe(false);
    expect(first.ses.permissionCheck?.({}, 'clipboard-read', '', {})).toBe(false);
  });

  it('sits in front of the app window when that one is showing, not when it is hidden', async () => {
    const app = new double.electron.BrowserWindow({ title: 'app' });
    expect((await opened(app)).win.options.parent).toBe(app);
    app.hide();
    expect((await opened(app)).win.options).not.toHaveProperty('parent');
  });

  it('goes only to web pages, and opens no popups', async () => {
    const { win } = await opened();
    const contents = win.webContents;
    expect(contents.navigate('https://idp.example.com/sso')).toBe(true);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);
    expect(contents.navigate('javascript:alert(1)')).toBe(false);
    expect(contents.navigate('okta-verify://push')).toBe(false);
    expect(contents.openWindow('https://idp.example.com/help')).toEqual({ action: 'deny' });
    expect(contents.attachWebview()).toBe(false);
  });

  it("reports the browser's cookies for a URL as BrowserCookies", async () => {
    const { signIn, ses } = await opened();
    const url = 'https://acme.example.com/';
    await ses.cookies.set({ url, name: 'JSESSIONID', value: 'j1', httpOnly: true, secure: true });
    await ses.cookies.set({
      url,
      name: 'clientId',
      value: 'c1',
      domain: 'example.com',
      path: '/',
      expirationDate: 1_900_000_000.5,
    });
    await ses.cookies.set({ url: 'https://other.test/', name: 'elsewhere', value: 'x' });
    const cookies = await signIn.cookies(url);
    expect(cookies).toEqual([
      {
        name: 'JSESSIONID',
        value: 'j1',
        domain: 'acme.example.com',
        path: '/',
        httpOnly: true,
        secure: true,
        hostOnly: true,
      },
      {
        name: 'clientId',
        value: 'c1',
        domain: '.example.com',
        path: '/',
        httpOnly: false,
        secure: false,
        hostOnly: false,
        expires: 1_900_000_000.5,
      },
    ]);
  });

  it('knows the page the main frame last landed on, with its status', async () => {
    const { signIn, win } = await opened();
    expect(signIn.lastPage()).toBeUndefined();
    win.webContents.landed('https://idp.example.com/sso', 200);
    win.webContents.landed('https://acme.example.com/callosum/v1/saml/SSO', 500);
    expect(signIn.lastPage()).toEqual({
      url: 'https://acme.example.com/callosum/v1/saml/SSO',
      status: 500,
    });
  });

  it("ends 'closed' when the person closes the window", async () => {
    const { signIn, win } = await opened();
    win.close();
    await expect(signIn.ended).resolves.toBe('closed');
  });

  it("ends 'crashed' when the page's renderer goes away", async () => {
    const { signIn, win } = await opened();
    win.webContents.crash('oom');
    await expect(signIn.ended).resolves.toBe('crashed');
  });

  it('close() forgets the cookies and storage, then destroys the window, once', async () => {
    const { signIn, win, ses } = await opened();
    await ses.cookies.set({ url: 'https://acme.example.com/', name: 'JSESSIONID', value: 'j' });
    await Promise.all([signIn.close(), signIn.close()]);
    await signIn.close();
    expect(ses.cleared).toBe(1);
    expect(ses.cookies.all).toEqual([]);
    expect(win.isDestroyed()).toBe(true);
    expect(win.destroyCalls).toBe(1);
    expect(double.windows).not.toContain(win);
  });

  it('close() after the person closed the window still clears, and does not throw', async () => {
    const { signIn, win, ses } = await opened();
    win.close();
    await expect(signIn.close()).resolves.toBeUndefined();
    expect(ses.cleared).toBe(1);
    expect(win.destroyCalls).toBe(0);
  });

  it('marks its contents as a sign-in window, and no other', async () => {
    const { isSignInContents } = await port();
    const { win } = await opened();
    const app = new double.electron.BrowserWindow({ title: 'app' });
    const asContents = (w: DoubleBrowserWindow) => w.webContents as unknown as Electron.WebContents;
    expect(isSignInContents(asContents(win))).toBe(true);
    expect(isSignInContents(asContents(app))).toBe(false);
  });
});
