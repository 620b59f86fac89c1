import { AuthError, isAppError } from '../errors/index.js';
import type { Profile } from '../profiles/index.js';
import type { ProfileVault } from '../secrets/index.js';
import type { ThoughtSpotClient } from '../thoughtspot/index.js';
import type { ClusterAccess } from './cluster-access.js';
import type { TokenCache } from './token-cache.js';

/** Errors of a revoke that mean the token is already dead at the cluster: the goal is reached. */
const ALREADY_DEAD = new Set(['TOKEN_REVOKED', 'TOKEN_EXPIRED', 'NOT_SIGNED_IN']);

/**
 * A client on the profile's stored session: its cached token when there is one, else its cookies;
 * with the secret it carries, so an answer about it is judged against what is stored by then.
 */
export async function storedSessionClient(
  access: ClusterAccess,
  vault: ProfileVault,
  tokens: TokenCache,
  profile: Profile,
): Promise<{ client: ThoughtSpotClient; secret: string }> {
  const token = await tokens.cached(profile);
  if (token) {
    const bearer = { token: token.token, expiresAt: token.expiresAt };
    return { client: await access.client(profile, { bearer }), secret: token.token };
  }
  const cookies = await vault.getCookies(profile);
  if (cookies) return { client: await access.client(profile, { cookies }), secret: cookies };
  throw new AuthError('NOT_SIGNED_IN', `"${profile.name}" is not signed in; sign in first`);
}

/** Whether the profile's stored session is still the one that carried `secret`. */
export async function stillHeld(
  vault: ProfileVault,
  tokens: TokenCache,
  profile: Profile,
  secret: string,
): Promise<boolean> {
  const token = await tokens.cached(profile).catch(() => undefined);
  if (token) return token.token === secret;
  return (await vault.getCookies(profile).catch(() => undefined)) === secret;
}

/** Revokes the client's token; one already dead at the cluster counts as revoked. */
export async function revokeAtCluster(client: ThoughtSpotClient): Promise<void> {
  try {
    await client.revoke();
  } catch (error) {
    if (!isAppError(error) || !ALREADY_DEAD.has(error.code)) throw error;
  }
}
