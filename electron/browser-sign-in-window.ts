// The desktop app's BrowserSignIn port: a child BrowserWindow on an in-memory partition of its own.
// Glue only: core decides where to start, when the sign-in is done and what to keep; this opens the
// page, reports cookies, navigations and the end, and forgets everything when closed.
import { randomUUID } from 'node:crypto';
import { BrowserWindow, session, type Cookie, type Session, type WebContents } from 'electron';
import type {
  BrowserCookie,
  BrowserSignIn,
  LandedPage,
  SignInWindow,
  WindowEnd,
} from './core/browser-sign-in/port.js';
import {
  isSignInNavigation,
  SIGN_IN_POPUPS,
  SIGN_IN_WINDOW_SIZE,
  signInPartition,
} from './core/shell/sign-in-window-policy.js';

export interface ElectronSignInOptions {
  /** The app's window, when there is one to sit in front of. */
  parent?: () => BrowserWindow | undefined;
}

// The sessions of sign-in windows: main.ts's hardening for our own window must leave them be.
const signInSessions = new WeakSet<Session>();

/** Whether these contents belong to a sign-in window (which hardens itself, see below). */
export function isSignInContents(contents: WebContents): boolean {
  return signInSessions.has(contents.session);
}

export function electronBrowserSignIn(options: ElectronSignInOptions = {}): BrowserSignIn {
  return {
    open: (url, { title }) => Promise.resolve(openWindow(url, title, options.parent?.())),
  };
}

function toBrowserCookie(cookie: Cookie): BrowserCookie {
  return {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain ?? '',
    path: cookie.path ?? '/',
    httpOnly: cookie.httpOnly ?? false,
    secure: cookie.secure ?? false,
    ...(cookie.hostOnly === undefined ? {} : { hostOnly: cookie.hostOnly }),
    // Electron: seconds since the epoch, absent for a session cookie.
    ...(cookie.session || cookie.expirationDate === undefined
      ? {}
      : { expires: cookie.expirationDate }),
  };
}

function harden(contents: WebContents, ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  contents.on('will-navigate', (event, target) => {
    if (!isSignInNavigation(target)) event.preventDefault();
  });
  contents.on('will-redirect', (event, target) => {
    if (!isSignInNavigation(target)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: SIGN_IN_POPUPS }));
}

function openWindow(url: string, title: string, parent: BrowserWindow | undefined): SignInWindow {
  const partition = signInPartition(randomUUID());
  const ses = session.fromPartition(partition);
  signInSessions.add(ses);
  // A hidden parent (the app in the tray) would hide its child too on some desktops.
  const owner = parent && !parent.isDestroyed() && parent.isVisible() ? parent : undefined;
  const win = new BrowserWindow({
    ...SIGN_IN_WINDOW_SIZE,
    title,
    ...(owner ? { parent: owner } : {}),
    autoHideMenuBar: true,
    webPreferences: {
      partition,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A middle click would open a link in a window outside this flow.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const contents = win.webContents;
  harden(contents, ses);
  // Our title says which profile this is for; the IdP's page title would not.
  win.on('page-title-updated', (event) => event.preventDefault());

  let last: LandedPage | undefined;
  contents.on('did-navigate', (_event, landed, status) => {
    last = { url: landed, status };
  });
  const ended = new Promise<WindowEnd>((resolve) => {
    contents.once('render-process-gone', () => resolve('crashed'));
    win.once('closed', () => resolve('closed'));
  });

  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    try {
      await ses.clearStorageData();
    } finally {
      if (!win.isDestroyed()) win.destroy();
    }
  };

  // loadURL rejects on a failed load (an unreachable IdP, an aborted redirect); the page shown
  // then tells the person, and core's wait ends on close or timeout.
  void win.loadURL(url).catch(() => undefined);
  return {
    cookies: async (forUrl) => (await ses.cookies.get({ url: forUrl })).map(toBrowserCookie),
    lastPage: () => last,
    ended,
    close: () => (closing ??= close()),
  };
}
