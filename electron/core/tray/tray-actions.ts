import type { TrayAction } from './tray-model.js';

/** What a tray click may do; the Electron glue builds these from its window, app and services. */
export interface TrayActionPorts {
  showWindow(): void;
  quit(): void;
  copyToken(profileId: string, format: 'token' | 'curl'): Promise<unknown>;
  renew(profileId: string): Promise<unknown>;
  revoke(profileId: string): Promise<unknown>;
  signOut(profileId: string): Promise<unknown>;
  /** Asks the person; true means go ahead. */
  confirm(action: 'revoke' | 'sign-out', profileName: string): Promise<boolean>;
  /** The profile's name; throws when it no longer exists (removed while the menu was open). */
  profileName(profileId: string): string;
}

/** Carries out one tray menu click. Destructive actions ask first, and do nothing unless confirmed. */
export async function dispatchTrayAction(
  action: TrayAction,
  ports: TrayActionPorts,
): Promise<void> {
  switch (action.type) {
    case 'open-window':
    case 'all-profiles':
    case 'sign-in':
      return ports.showWindow();
    case 'quit':
      return ports.quit();
    case 'copy-token':
    case 'copy-curl':
      await ports.copyToken(action.profileId, action.type === 'copy-token' ? 'token' : 'curl');
      return;
    case 'renew':
      await ports.renew(action.profileId);
      return;
    case 'revoke':
    case 'sign-out': {
      const name = ports.profileName(action.profileId);
      if (!(await ports.confirm(action.type, name))) return;
      if (action.type === 'revoke') await ports.revoke(action.profileId);
      else await ports.signOut(action.profileId);
    }
  }
}
