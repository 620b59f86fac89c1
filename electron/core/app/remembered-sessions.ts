import type { Profile, ProfileStore } from '../profiles/index.js';
import type { ProfileVault } from '../secrets/index.js';
import type { SessionManager } from '../session/index.js';

export interface RememberedSessionsPorts {
  profiles: Pick<ProfileStore, 'list'>;
  vault: Pick<ProfileVault, 'getPassword' | 'getSecretKey'>;
  manager: Pick<SessionManager, 'status' | 'renew' | 'restore'>;
}

/**
 * A token that ran out while the app was closed, for a profile that keeps its password or secret
 * key (Remember me) and auto-renews: renewed now, as a renewal would have kept it alive had the
 * app been running. Restores must have run first (the status is read from the keychain).
 */
export async function renewRemembered(ports: RememberedSessionsPorts): Promise<void> {
  await Promise.all(
    ports.profiles.list().map(async (profile) => {
      if (!(await renewable(ports, profile))) return;
      try {
        await ports.manager.renew(profile.id);
      } catch {
        // Quietly: the reason is in the audit log (Activity), and the status goes back to what the
        // keychain holds (Expired), so an unreachable cluster does not read as signed out.
        await ports.manager.restore(profile.id).catch(() => undefined);
      }
    }),
  );
}

async function renewable(ports: RememberedSessionsPorts, profile: Profile): Promise<boolean> {
  const status = ports.manager.status(profile.id);
  if (!profile.autoRenew || status.state !== 'expired' || status.kind !== 'bearer') return false;
  try {
    if (profile.auth === 'password') return (await ports.vault.getPassword(profile)) !== undefined;
    if (profile.auth === 'secret-key')
      return (await ports.vault.getSecretKey(profile)) !== undefined;
  } catch {
    // A keychain that cannot be read renews nothing; the window says why elsewhere.
  }
  return false;
}
