// The desktop app's main process: builds Electron objects and hands Electron things to core.
// Decisions live in electron/core (trusted senders, navigation, notifications, confirmations).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  net,
  Notification,
  powerMonitor,
  session,
  type WebContents,
} from 'electron';
import { AppServices } from './core/app/app-services.js';
import { ensureDemoProfile } from './core/app/demo-profile.js';
import { configDir } from './core/config-dir.js';
import type { BackendFactory, SettingsBackend } from './core/profiles/index.js';
import { createNodeFetch, type FetchLike } from './core/thoughtspot/index.js';
import { confirmationFor } from './core/shell/confirmations.js';
import { needsNodeTls, notificationFor } from './core/shell/notifications.js';
import { CONTENT_SECURITY_POLICY, isAllowedNavigation } from './core/shell/trusted-sender.js';
import type { TrayAction } from './core/tray/tray-model.js';
import { createHandlers } from './ipc/handlers.js';
import { registerIpc, sendEvent } from './ipc/register.js';
import { createAppTray, type AppTray } from './tray.js';

const here = dirname(fileURLToPath(import.meta.url));
const appRoot = join(here, '..', '..');
const indexHtml = join(appRoot, 'renderer', 'dist', 'index.html');
const appUrl = pathToFileURL(indexHtml).href;

/** electron-store on the same settings file the CLI's conf uses. */
const electronStoreBackend: BackendFactory = async (options) => {
  const { default: Store } = await import('electron-store');
  return new Store({
    cwd: options.cwd,
    name: options.configName,
    schema: options.schema,
    clearInvalidConfig: false,
  }) as unknown as SettingsBackend;
};

/** net.fetch, so system proxy settings apply; Node's TLS only where a profile brings its own CA. */
function fetchFor(tls: Parameters<typeof createNodeFetch>[0] = {}): FetchLike {
  if (needsNodeTls(tls)) return createNodeFetch(tls);
  return (url, init) => net.fetch(url, init);
}

let window: BrowserWindow | undefined;
let tray: AppTray | undefined;
let quitting = false;

function harden(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function showWindow(): void {
  if (!window || window.isDestroyed()) {
    window = new BrowserWindow({
      width: 1000,
      height: 720,
      minWidth: 640,
      minHeight: 480,
      show: false,
      title: 'ThoughtSpot Session Manager',
      webPreferences: {
        preload: join(here, 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK (reviewed: contextBridge only)
        disableBlinkFeatures: 'Auxclick',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        spellcheck: false,
        devTools: !app.isPackaged,
      },
    });
    window.once('ready-to-show', () => window?.show());
    window.on('close', (event) => {
      // Closing the window keeps the app in the tray; Quit (tray or menu) really quits.
      if (!quitting && tray) {
        event.preventDefault();
        window?.hide();
      }
    });
    void window.loadFile(indexHtml);
  }
  window.show();
  window.focus();
}

async function confirm(action: 'revoke' | 'sign-out', profileName: string): Promise<boolean> {
  const text = confirmationFor(action, profileName);
  const options = {
    type: 'warning' as const,
    message: text.message,
    detail: text.detail,
    buttons: [text.confirm, 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  };
  const result = window
    ? await dialog.showMessageBox(window, options)
    : await dialog.showMessageBox(options);
  return result.response === 0;
}

async function start(): Promise<void> {
  const dir = configDir();
  const services = new AppServices({
    configDir: dir,
    env: process.env,
    clipboard,
    settingsBackend: electronStoreBackend,
    fetchFor,
    validateEveryMs: 10 * 60_000,
  });
  const handlers = createHandlers(services);

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      // The policy is CONTENT_SECURITY_POLICY (tested in core); the scanner can only read literals.
      responseHeaders: /* eng-disable CSP_GLOBAL_CHECK */ {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
  app.on('web-contents-created', (_event, contents) => harden(contents));

  if (!app.isPackaged && services.profiles.list().length === 0) {
    // First run from a checkout: the built-in emulator as a demo cluster.
    const { startEmulator } = await import('../test/emulator/index.js');
    const emulator = await startEmulator({ port: 0 });
    app.on('will-quit', () => void emulator.close());
    await ensureDemoProfile(services.profiles, emulator.url);
  }
  await services.restoreSessions();

  registerIpc(handlers, () => window, appUrl);
  services.onEvent((event) => {
    sendEvent(window, event);
    if (event.type === 'profiles') tray?.refresh();
  });
  services.manager.subscribe(({ profileId, status, previous }) => {
    const profile = services.profiles.find(profileId);
    const text =
      profile &&
      notificationFor(
        profile.name,
        status,
        previous,
        services.preferences.read().notifyBeforeExpiry,
      );
    if (text && Notification.isSupported()) new Notification(text).show();
  });

  const onTrayAction = async (action: TrayAction): Promise<void> => {
    switch (action.type) {
      case 'open-window':
      case 'all-profiles':
      case 'sign-in':
        return showWindow();
      case 'quit':
        return app.quit();
      case 'copy-token':
      case 'copy-curl':
        await handlers['session:copyToken']({
          profileId: action.profileId,
          format: action.type === 'copy-token' ? 'token' : 'curl',
        });
        return;
      case 'renew':
        await services.manager.renew(action.profileId);
        return;
      case 'revoke':
      case 'sign-out': {
        const profile = services.profiles.get(action.profileId);
        if (!(await confirm(action.type, profile.name))) return;
        if (action.type === 'revoke') await services.manager.revoke(profile.id);
        else await services.manager.signOut(profile.id);
      }
    }
  };
  tray = createAppTray({
    manager: services.manager,
    profiles: services.profiles,
    iconPath: (kind) => join(appRoot, 'assets', `tray-${kind}.png`),
    onAction: (action) =>
      void onTrayAction(action).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (Notification.isSupported())
          new Notification({ title: 'ThoughtSpot Session Manager', body: message }).show();
      }),
  });

  powerMonitor.on('resume', () => void services.manager.resume());
  app.setLoginItemSettings({ openAtLogin: services.preferences.read().startAtLogin });

  let revoked = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (revoked || !services.preferences.read().revokeOnQuit) return;
    // Revoke bearer tokens first, then quit for real.
    event.preventDefault();
    revoked = true;
    void (async () => {
      for (const profile of services.profiles.list()) {
        const status = services.manager.status(profile.id);
        if ('kind' in status && status.kind === 'bearer')
          await services.manager.revoke(profile.id).catch(() => undefined);
      }
      services.dispose();
      app.quit();
    })();
  });

  showWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.on('window-all-closed', () => {
    if (!tray) app.quit();
  });
  void app.whenReady().then(start);
}
