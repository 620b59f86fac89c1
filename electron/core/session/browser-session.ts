import { InputError, isAppError } from '../errors/index.js';
import { signsInThroughBrowser, type Profile, type ProfileStore } from '../profiles/index.js';
import { BROWSER_AUTH_LABELS, startUrl } from '../browser-sign-in/start-url.js';
import type { BrowserSignIn } from '../browser-sign-in/port.js';
import { waitForClusterSession } from '../browser-sign-in/wait-for-session.js';
import type { SessionInfo } from '../thoughtspot/index.js';
import type { ClusterAccess } from './cluster-access.js';
import type { SessionStatus } from './session-state.js';
import type { SignInContext } from './sign-in.js';

/** How long a person gets to finish signing in, unless told otherwise. */
export const DEFAULT_BROWSER_SIGN_IN_TIMEOUT_MS = 300_000;

/** Errors of a probe that mean "no session yet", as opposed to "the cluster cannot be asked". */
const NOT_YET = new Set(['NOT_SIGNED_IN', 'AUTH_FAILED', 'TOKEN_EXPIRED', 'FORBIDDEN']);

export interface BrowserSessionContext extends SignInContext {
  access: ClusterAccess;
  profiles: ProfileStore;
}

export interface BrowserSignInOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface BrowserSignInResult {
  status: SessionStatus;
  /** Who the cluster says signed in (the profile's username from now on). */
  username: string;
  /** How, in words: "SAML", "OpenID Connect", "the cluster's sign-in page". */
  via: string;
}

/**
 * One browser sign-in: open the start page, wait until the cluster grants the browser's cookies
 * a session, learn the user from the cluster, keep the cluster host's cookies in the keychain,
 * mint a bearer token from that session where the dialect can, and close the window whatever
 * happened. `keeping` runs once the session is granted, before anything is changed.
 */
export async function signInThroughBrowser(
  context: BrowserSessionContext,
  profile: Profile,
  port: BrowserSignIn,
  options: BrowserSignInOptions & { keeping?: () => void },
): Promise<BrowserSignInResult> {
  const method = profile.auth;
  if (!signsInThroughBrowser(method)) {
    throw new InputError(`"${profile.name}" does not sign in through a browser`);
  }
  // A wrong URL or an unreachable cluster fails here, before a window opens.
  await context.access.dialectOf(profile);
  const start = startUrl(profile.url, method);
  const window = await port.open(start, { title: `Sign in to ${profile.name}` });
  try {
    const granted = await waitForClusterSession<SessionInfo>({
      window,
      clusterUrl: profile.url,
      startPath: new URL(start).pathname,
      probe: (cookies) => probeSession(context.access, profile, cookies),
      timeoutMs: options.timeoutMs ?? DEFAULT_BROWSER_SIGN_IN_TIMEOUT_MS,
      signal: options.signal,
    });
    options.keeping?.();
    const via = BROWSER_AUTH_LABELS[method];
    const status = await keepSession(context, profile, granted.info.username, granted.cookies, via);
    return { status, username: granted.info.username, via };
  } finally {
    await window.close().catch(() => undefined);
  }
}

/** The session the cookies carry, or undefined while the cluster grants none. */
async function probeSession(
  access: ClusterAccess,
  profile: Profile,
  cookies: string,
): Promise<SessionInfo | undefined> {
  try {
    const client = await access.client(profile, { cookies });
    return await client.info();
  } catch (error) {
    if (isAppError(error) && NOT_YET.has(error.code)) return undefined;
    throw error;
  }
}

async function keepSession(
  context: BrowserSessionContext,
  profile: Profile,
  username: string,
  cookies: string,
  via: string,
): Promise<SessionStatus> {
  const { vault, tokens, states, log, access, profiles } = context;
  // The cluster names the user; a profile for someone else first forgets that one's secrets.
  const current =
    username === profile.username
      ? profile
      : await profiles.update(profile.id, {
          name: profile.name,
          url: profile.url,
          username,
          auth: profile.auth,
        });
  await vault.setCookies(current, cookies);
  // The session is now this cookie one; a token from an earlier sign-in would shadow it.
  await vault.deleteToken(current.id);
  log(current, 'signed-in', { kind: 'cookie', message: `through ${via} as ${username}` });
  const client = await access.client(current, { cookies });
  if (client.dialect === 'C') {
    try {
      await tokens.store(current, 'issued', await client.currentToken());
      return states.status(current.id);
    } catch {
      // The cookie session stands on its own; a token can be asked for later.
    }
  }
  return states.apply(current.id, { type: 'signed-in', kind: 'cookie' });
}
