// A recorded double of the Electron API, as far as electron/main.ts, tray.ts, preload.cjs,
// browser-sign-in-window.ts and electron-store use it. Tests load the real glue against it (see install.ts) and then look at
// what was built, click what a person would click, and script what a person would answer.
import { EventEmitter } from 'node:events';
import { emitEvent } from './events.js';
import { DoubleIpcMain, DoubleIpcRenderer } from './ipc.js';
import {
  DoubleClientRequest,
  DoubleCookieStore,
  doubleNetFetch,
  type NetRequestOptions,
  type NetSent,
} from './net.js';
import { createPartitions } from './sessions.js';
import { createMenu, DoubleTray, nativeImage, type DoubleMenu } from './tray-menu.js';
import { DoubleBrowserWindow, type DoubleWebContents } from './windows.js';

export interface ElectronDoubleOptions {
  /** app.getPath('userData'). */
  userData: string;
  isPackaged?: boolean;
  /** What requestSingleInstanceLock answers: false means another instance holds it. */
  singleInstanceLock?: boolean;
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export type ElectronDouble = ReturnType<typeof createElectronDouble>;

export function createElectronDouble(options: ElectronDoubleOptions) {
  let ids = 0;
  const windows: DoubleBrowserWindow[] = [];
  const trays: DoubleTray[] = [];
  const menus: DoubleMenu[] = [];
  const notifications: { title?: string; body?: string }[] = [];
  const exposed = new Map<string, unknown>();
  let rendererContents: DoubleWebContents | undefined;
  let quitting = false;
  const partitions = createPartitions();

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    quitCalls: 0,
    /** Set once a quit went all the way through (nothing prevented it). */
    exited: false,
    loginItemSettings: [] as unknown[],
    whenReady: () => Promise.resolve(),
    requestSingleInstanceLock: () => options.singleInstanceLock ?? true,
    getPath: (_name: string) => options.userData,
    getVersion: () => '0.0.0-double',
    setLoginItemSettings(settings: unknown) {
      app.loginItemSettings.push(settings);
    },
    /** Like Electron: before-quit (preventable), every window closed (preventable), will-quit. */
    quit() {
      app.quitCalls++;
      if (emitEvent(app, 'before-quit').defaultPrevented) return;
      quitting = true;
      try {
        for (const window of [...windows]) if (!window.close()) return;
      } finally {
        quitting = false;
      }
      if (emitEvent(app, 'will-quit').defaultPrevented) return;
      app.exited = true;
    },
  });

  const ipcMain = new DoubleIpcMain();
  const ipcRenderer = new DoubleIpcRenderer((channel, [request]) => {
    if (!rendererContents) throw new Error('No window holds the renderer: call attachRenderer');
    return ipcMain.invoke(channel, request, { sender: rendererContents });
  });

  class BrowserWindow extends DoubleBrowserWindow {
    constructor(windowOptions: Record<string, unknown> = {}) {
      super(windowOptions, {
        nextId: () => ++ids,
        sessionFor: (partition) =>
          partition === undefined ? defaultSession : partitions.fromPartition(partition),
        created: (window) => {
          windows.push(window);
          emitEvent(app, 'browser-window-created', window);
          emitEvent(app, 'web-contents-created', window.webContents);
        },
        closed: (window) => {
          windows.splice(windows.indexOf(window), 1);
          if (windows.length === 0 && !quitting) app.emit('window-all-closed');
        },
        deliver: (from, channel, args) => {
          if (from === rendererContents) ipcRenderer.receive(channel, args);
        },
      });
    }
    static getAllWindows = () => [...windows];
  }

  class Tray extends DoubleTray {
    constructor(image: ConstructorParameters<typeof DoubleTray>[0]) {
      super(image);
      trays.push(this);
    }
  }

  class Notification {
    static isSupported = () => true;
    constructor(readonly options: { title?: string; body?: string }) {}
    show(): void {
      notifications.push(this.options);
    }
  }

  const sessionState = {
    permissionRequest: undefined as PermissionRequestHandler | undefined,
    permissionCheck: undefined as ((...args: unknown[]) => boolean) | undefined,
    headers: undefined as HeadersListener | undefined,
  };
  // The default session's cookie store: Chromium keeps it on disk, outside the keychain.
  const cookieStore = new DoubleCookieStore();
  const netSent: NetSent[] = [];
  const defaultSession = {
    cookies: cookieStore,
    setPermissionRequestHandler(handler: PermissionRequestHandler) {
      sessionState.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      sessionState.permissionCheck = handler;
    },
    webRequest: {
      onHeadersReceived(listener: HeadersListener) {
        sessionState.headers = listener;
      },
    },
  };

  const dialogShown: { window: unknown; options: unknown }[] = [];
  const dialogAnswers: number[] = [];
  const dialog = {
    /** (options) or (window, options), like Electron's; answers the next scripted response. */
    showMessageBox(first: unknown, second?: unknown) {
      dialogShown.push(
        second === undefined
          ? { window: undefined, options: first }
          : { window: first, options: second },
      );
      const response = dialogAnswers.shift();
      if (response === undefined) return Promise.reject(new Error('An unscripted dialog'));
      return Promise.resolve({ response, checkboxChecked: false });
    },
  };

  const clipboard = {
    text: '',
    writeText(text: string) {
      clipboard.text = text;
    },
    readText: () => clipboard.text,
  };

  const electron = {
    app,
    BrowserWindow,
    ipcMain,
    ipcRenderer,
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        if (exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property`);
        exposed.set(key, api);
      },
    },
    Tray,
    Menu: createMenu(menus),
    nativeImage,
    session: { defaultSession, fromPartition: partitions.fromPartition },
    // Chromium's network stack in Electron; Node's here, over the same real HTTP (see net.ts).
    net: {
      request: (options: NetRequestOptions) =>
        new DoubleClientRequest(options, cookieStore, netSent),
      fetch: (url: string, init?: RequestInit) => doubleNetFetch(cookieStore, netSent, url, init),
    },
    dialog,
    Notification,
    clipboard,
    powerMonitor: new EventEmitter(),
    shell: {
      openPath: () => Promise.resolve(''),
      openExternal: () => Promise.reject(new Error('openExternal is not used by this app')),
    },
  };

  return {
    /** What `import ... from 'electron'` gives the glue. */
    electron,
    app,
    ipcMain,
    ipcRenderer,
    windows,
    trays,
    menus,
    notifications,
    exposed,
    clipboard,
    dialog: { shown: dialogShown, answers: dialogAnswers },
    /** The sessions session.fromPartition made, by partition name. */
    partitions: partitions.partitions,
    /** Every request through net (request or fetch), and the default session's cookie store. */
    net: { sent: netSent, cookies: cookieStore },
    /** The window whose page the preload runs in: its invokes come from its main frame. */
    attachRenderer(contents: DoubleWebContents) {
      rendererContents = contents;
    },
    /** A permission the page asks for (camera, notifications, ...): what the handler granted. */
    requestPermission(permission: string): Promise<boolean> {
      const handler = sessionState.permissionRequest;
      if (!handler) return Promise.resolve(true); // Electron grants by default
      return new Promise((resolve) => handler({}, permission, resolve));
    },
    checkPermission(permission: string): boolean {
      return sessionState.permissionCheck?.({}, permission, '', {}) ?? true;
    },
    /** The response headers a page would be served with, after onHeadersReceived. */
    responseHeaders(
      url: string,
      headers: Record<string, string[]> = {},
    ): Promise<Record<string, string[]>> {
      const listener = sessionState.headers;
      if (!listener) return Promise.resolve(headers);
      return new Promise((resolve) =>
        listener({ url, responseHeaders: headers }, (response) =>
          resolve(response.responseHeaders ?? headers),
        ),
      );
    },
  };
}
