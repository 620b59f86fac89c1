// The desktop app's main process: builds Electron objects and hands Electron things to core.
// Decisions live in electron/core (trusted senders, navigation, notifications, confirmations).
import { dirname } from 'node:path';
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
import { DEMO_CLUSTER_ENV, ensureDemoProfile } from './core/app/demo-profile.js';
import { createQuitSequence } from './core/app/quit-sequence.js';
import { configDir } from './core/config-dir.js';
import { PRODUCT_NAME } from './core/product.js';
import type { BackendFactory, SettingsBackend } from './core/profiles/index.js';
import { SETTINGS_FILE_MODE } from './core/profiles/profile-store.js';
import { appLayout } from './core/shell/app-layout.js';
import { confirmationFor, type Confirmation } from './core/shell/confirmations.js';
import { chromiumFetch } from './core/shell/chromium-fetch.js';
import { fetchChoice } from './core/shell/fetch-choice.js';
import { errorNotification, type NotificationText } from './core/shell/notifications.js';
import { notifySessionChanges } from './core/shell/session-notifier.js';
import { CONTENT_SECURITY_POLICY, isAllowedNavigation } from './core/shell/trusted-sender.js';
import { dispatchTrayAction, type TrayActionPorts } from './core/tray/tray-actions.js';
import { electronBrowserSignIn, isSignInContents } from './browser-sign-in-window.js';
import { createHandlers } from './ipc/handlers.js';
import { registerIpc, sendEvent } from './ipc-main.js';
import { createAppTray, type AppTray } from './tray.js';

const layout = appLayout(dirname(fileURLToPath(import.meta.url)));
const appUrl = pathToFileURL(layout.indexHtml).href;

/** electron-store on the same settings file the CLI's conf uses. */
const electronStoreBackend: BackendFactory = async (options) => {
  const { default: Store } = await import('electron-store');
  return new Store({
    cwd: options.cwd,
    name: options.configName,
    schema: options.schema,
    clearInvalidConfig: false,
    // As the CLI's conf: 0600, not 0666 less the umask; core has made the directory 0700.
    configFileMode: SETTINGS_FILE_MODE,
  }) as unknown as SettingsBackend;
};

function notify(text: NotificationText): void {
  if (Notification.isSupported()) new Notification(text).show();
}

let window: BrowserWindow | undefined;
let tray: AppTray | undefined;
let quitting = false;

function harden(contents: WebContents): void {
  // A sign-in window shows the cluster's and the IdP's pages, and hardens itself for that.
  if (isSignInContents(contents)) return;
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
      title: PRODUCT_NAME,
      webPreferences: {
        preload: layout.preload, // eng-disable PRELOAD_JS_CHECK (reviewed: contextBridge only)
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
    void window.loadFile(layout.indexHtml);
  }
  window.show();
  window.focus();
}

async function confirm(text: Confirmation): Promise<boolean> {
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
    // Chromium's stack, so system proxies apply, with credentials omitted (chromium-fetch.ts says
    // why not net.fetch); Node's TLS only where a profile brings its own CA.
    fetchFor: fetchChoice(chromiumFetch((options) => net.request(options))),
    validateEveryMs: 10 * 60_000,
    // SAML, OIDC and the cluster's own page: a child window in front of ours.
    browser: electronBrowserSignIn({ parent: () => window }),
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

  const demoClusterUrl = app.isPackaged ? undefined : process.env[DEMO_CLUSTER_ENV];
  if (demoClusterUrl) await ensureDemoProfile(services.profiles, demoClusterUrl);
  await services.start();

  registerIpc(handlers, () => window, appUrl);
  services.onEvent((event) => {
    sendEvent(window, event);
    if (event.type === 'profiles') tray?.refresh();
  });
  notifySessionChanges(services, notify);

  const trayPorts: TrayActionPorts = {
    showWindow,
    quit: () => app.quit(),
    copyToken: (profileId, format) => services.copyToken(profileId, format),
    renew: (profileId) => services.manager.renew(profileId),
    revoke: (profileId) => services.manager.revoke(profileId),
    signOut: (profileId) => services.manager.signOut(profileId),
    signInWithBrowser: (profileId) => services.manager.signInThroughBrowser(profileId),
    cancelSignIn: (profileId) => services.manager.cancelBrowserSignIn(profileId),
    notify,
    // Said about the store in use now: the keychain, or the encrypted file the person chose.
    confirm: (action, profileName) =>
      confirm(confirmationFor(action, profileName, services.secrets.kind)),
    profileName: (profileId) => services.profiles.get(profileId).name,
    switchOrg: (profileId, org) => services.orgs.switch(profileId, org),
  };
  tray = createAppTray({
    manager: services.manager,
    profiles: services.profiles,
    orgs: services.orgs.known,
    iconPath: layout.trayIcon,
    onAction: (action) =>
      // Audit lines written by the tray's work say so (Activity's "From").
      void services.audit
        .as('tray', () => dispatchTrayAction(action, trayPorts))
        .catch((error: unknown) => notify(errorNotification(error))),
  });

  powerMonitor.on('resume', () => void services.manager.resume());
  app.setLoginItemSettings({ openAtLogin: services.preferences.read().startAtLogin });

  const quit = createQuitSequence({
    revokeOnQuit: () => services.preferences.read().revokeOnQuit,
    revokeBearerSessions: () => services.revokeBearerSessions(),
    clipboardPending: () => services.clipboard.pending,
    clearClipboard: () => services.clipboard.clearNow(),
    dispose: () => services.dispose(),
    quit: () => app.quit(),
  });
  app.on('before-quit', (event) => {
    quitting = true;
    if (quit.beforeQuit()) event.preventDefault();
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
