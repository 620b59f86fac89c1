import { KeychainError } from '../errors/index.js';
import type { ProfileVault } from '../secrets/index.js';

export type MovedSecrets = 'forgotten' | 'none' | 'unreachable';

/** What the audit line says when a profile moved to another cluster URL or username. */
export const MOVED_MESSAGE: Record<Exclude<MovedSecrets, 'none'>, string> = {
  forgotten: 'the cluster URL or username changed',
  unreachable:
    'the cluster URL or username changed; the keychain could not be reached, so what it keeps for the old one stays there, bound to it',
};

/**
 * Forgets what was kept for a profile's old cluster URL or username. With the keychain out of
 * reach that cannot happen now, yet the edit (already saved) stands and must not fail: every
 * entry is bound to the cluster and user it was given for (secrets/bound-secret.ts), so none of
 * them can serve the new one. Before, a demo restart without a keychain died here.
 */
export async function forgetMovedSecrets(
  vault: ProfileVault,
  profileId: string,
): Promise<MovedSecrets> {
  try {
    if ((await vault.entries(profileId)).length === 0) return 'none';
    await vault.removeProfile(profileId);
    return 'forgotten';
  } catch (error) {
    if (error instanceof KeychainError) return 'unreachable';
    throw error;
  }
}
