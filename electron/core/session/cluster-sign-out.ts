import { isAppError, NetworkError } from '../errors/index.js';
import type { Profile } from '../profiles/index.js';
import type { StoredToken } from '../secrets/index.js';
import type { ClusterAccess } from './cluster-access.js';

export type ClusterSignOut = 'signed-out' | 'no-session' | 'unreachable';

export interface HeldSession {
  /** A token still alive: revoked, since it would outlive the sign-out wherever it was copied to. */
  liveToken?: StoredToken | undefined;
  cookies?: string | undefined;
}

/**
 * The cluster's half of signing out, best effort and never thrown: the live token is revoked
 * (`onRevoked` says so) and the cookie session ended. Says whether the cluster was told.
 */
export async function signOutAtCluster(
  access: ClusterAccess,
  profile: Profile,
  held: HeldSession,
  onRevoked: (token: StoredToken) => void,
): Promise<ClusterSignOut> {
  let unreachable = false;
  if (held.liveToken) {
    try {
      await (await access.client(profile, { bearer: { token: held.liveToken.token } })).revoke();
      onRevoked(held.liveToken);
    } catch (error) {
      // Offline or already dead: it expires on its own. Offline is said, since the token lives on.
      unreachable = error instanceof NetworkError;
    }
  }
  if (!held.cookies) return unreachable ? 'unreachable' : 'no-session';
  try {
    await (await access.client(profile, { cookies: held.cookies })).logout();
    return 'signed-out';
  } catch {
    // Offline or already ended: still forgotten here; the cluster ends it on its own.
    return 'unreachable';
  }
}

/** A read that found the secret bound elsewhere (and forgot it) reads here as "none". */
export async function unlessForeign<T>(read: Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_SIGNED_IN') return undefined;
    throw error;
  }
}
