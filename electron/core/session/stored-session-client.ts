import { AuthError, isAppError } from '../errors/index.js';
import type { Profile } from '../profiles/index.js';
import type { ProfileVault } from '../secrets/index.js';
import type { ThoughtSpotClient } from '../thoughtspot/index.js';
import type { ClusterAccess } from './cluster-access.js';
import type { TokenCache } from './token-cache.js';

/** Errors of a revoke that mean the token is already dead at the cluster: the goal is reached. */
const ALREADY_DEAD = new Set(['TOKEN_REVOKED', 'TOKEN_EXPIRED', 'NOT_SIGNED_IN']);

/** A client on the profile's stored session: its cached token when there is one, else its cookies. */
export async function storedSessionClient(
  access: ClusterAccess,
  vault: ProfileVault,
  tokens: TokenCache,
  profile: Profile,
): Promise<ThoughtSpotClient> {
  const token = await tokens.cached(profile);
  if (token)
    return access.client(profile, { bearer: { token: token.token, expiresAt: token.expiresAt } });
  const cookies = await vault.getCookies(profile);
  if (cookies) return access.client(profile, { cookies });
  throw new AuthError('NOT_SIGNED_IN', `"${profile.name}" is not signed in; sign in first`);
}

/** Revokes the client's token; one already dead at the cluster counts as revoked. */
export async function revokeAtCluster(client: ThoughtSpotClient): Promise<void> {
  try {
    await client.revoke();
  } catch (error) {
    if (!isAppError(error) || !ALREADY_DEAD.has(error.code)) throw error;
  }
}
