// The tray icon and its menu: glue between Electron and the pure tray model in core.
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { KnownOrgs, OrgList } from './core/orgs/index.js';
import type { ProfileStore } from './core/profiles/index.js';
import type { SessionManager } from './core/session/index.js';
import { menuLabel } from './core/tray/menu-label.js';
import {
  buildTrayModel,
  refreshDelayMs,
  type TrayAction,
  type TrayIcon,
  type TrayItem,
  type TrayModelInput,
} from './core/tray/tray-model.js';

const RETRY_MS = 60_000;

export interface AppTrayOptions {
  manager: SessionManager;
  profiles: ProfileStore;
  /** The org lists the tray shows without asking the cluster; a change rebuilds the menu. */
  orgs?: Pick<KnownOrgs, 'get' | 'subscribe'>;
  onAction(action: TrayAction): void;
  iconPath(kind: TrayIcon): string;
  /** Told when a rebuild fails (say the settings file cannot be read); the old menu stays. */
  onError?: (error: unknown) => void;
  now?: () => number;
}

export interface AppTray {
  /** Rebuild now, e.g. after profiles were added, renamed or removed. */
  refresh(): void;
  destroy(): void;
}

export function createAppTray(options: AppTrayOptions): AppTray {
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((error: unknown) => console.error('tray:', error));
  const tray = new Tray(nativeImage.createFromPath(options.iconPath('normal')));
  let shownIcon: TrayIcon = 'normal';
  let timer: ReturnType<typeof setTimeout> | undefined;

  const toMenuItem = (item: TrayItem): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: menuLabel(item.label), enabled: false };
      case 'action':
        return {
          id: item.id,
          label: menuLabel(item.label),
          enabled: item.enabled,
          click: () => options.onAction(item.action),
        };
      case 'radio':
        return {
          id: item.id,
          type: 'radio',
          label: menuLabel(item.label),
          checked: item.checked,
          click: () => options.onAction(item.action),
        };
      case 'submenu':
        return { label: menuLabel(item.label), submenu: item.items.map(toMenuItem) };
    }
  };

  const snapshot = (): TrayModelInput => {
    const profiles = options.profiles.list();
    const orgs: Record<string, OrgList> = {};
    for (const { id } of profiles) {
      const list = options.orgs?.get(id);
      if (list) orgs[id] = list;
    }
    return {
      profiles,
      defaultProfileId: options.profiles.defaultProfile()?.id,
      statuses: Object.fromEntries(profiles.map((p) => [p.id, options.manager.status(p.id)])),
      orgs,
      now: now(),
    };
  };

  const rebuild = (): void => {
    clearTimeout(timer);
    timer = undefined;
    const input = snapshot();
    const model = buildTrayModel(input);
    tray.setContextMenu(Menu.buildFromTemplate(model.items.map(toMenuItem)));
    tray.setToolTip(model.tooltip);
    // Only touch the image when it changes, not on every countdown tick.
    if (model.icon !== shownIcon) {
      tray.setImage(nativeImage.createFromPath(options.iconPath(model.icon)));
      shownIcon = model.icon;
    }
    const delay = refreshDelayMs(input);
    if (delay !== undefined) timer = setTimeout(refresh, delay);
  };

  // Session listeners run inside the manager's state changes: a failure here must not escape.
  function refresh(): void {
    try {
      rebuild();
    } catch (error) {
      onError(error);
      clearTimeout(timer);
      timer = setTimeout(refresh, RETRY_MS);
    }
  }

  const unsubscribe = options.manager.subscribe(refresh);
  const unsubscribeOrgs = options.orgs?.subscribe(refresh);
  refresh();

  return {
    refresh,
    destroy() {
      unsubscribe();
      unsubscribeOrgs?.();
      clearTimeout(timer);
      timer = undefined;
      tray.destroy();
    },
  };
}
