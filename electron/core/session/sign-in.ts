import * as v from 'valibot';
import { InputError } from '../errors/index.js';
import { stripControls } from '../thoughtspot/server-text.js';
import { AUTH_METHODS, type Profile, type ProfileStore } from '../profiles/index.js';
import type { ProfileVault } from '../secrets/index.js';
import type { Credential, IssuedToken, ThoughtSpotClient } from '../thoughtspot/index.js';
import type { SessionLog } from './session-log.js';
import type { SessionStatus } from './session-state.js';
import type { SessionStates } from './session-states.js';
import type { TokenCache } from './token-cache.js';

const secret = v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(16 * 1024));

/**
 * What the profile becomes once the cluster accepted this sign-in (a username typed on the form,
 * the method used); the sign-in is made as that user. Nothing is saved when it fails.
 */
const saveOnSuccess = v.optional(
  v.strictObject({
    username: v.optional(
      v.pipe(v.string(), v.trim(), v.minLength(1, 'is empty'), v.maxLength(1024)),
    ),
    auth: v.optional(v.picklist(AUTH_METHODS)),
    /** The org to sign in to (an org switch), kept as the profile's once the cluster agreed. */
    org: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1))),
  }),
);

/**
 * How a sign-in may be asked for, with `target` naming what it is for (the contract adds the
 * profile id): a password (for a cookie session or a token), a secret key, or a pasted token.
 */
export function signInRequestSchema<Target extends v.ObjectEntries>(target: Target) {
  return v.variant('method', [
    v.strictObject({
      ...target,
      method: v.literal('password'),
      password: secret,
      kind: v.picklist(['cookie', 'bearer']),
      rememberMe: v.optional(v.boolean()),
      remember: v.optional(v.boolean()),
      saveOnSuccess,
    }),
    v.strictObject({
      ...target,
      method: v.literal('secret-key'),
      secretKey: secret,
      remember: v.optional(v.boolean()),
      saveOnSuccess,
    }),
    v.strictObject({
      ...target,
      method: v.literal('token'),
      token: v.pipe(secret, v.regex(/^\S+$/, 'must not contain spaces or line breaks')),
      saveOnSuccess,
    }),
  ]);
}

/** A sign-in request on its own, for callers that name the profile elsewhere. */
export const signInRequest = signInRequestSchema({});
export type SignInRequest = v.InferOutput<typeof signInRequest>;

/** What a sign-in writes to: the keychain, the audit log and the profile's status. */
export interface SignInContext {
  vault: ProfileVault;
  tokens: TokenCache;
  states: SessionStates;
  log: SessionLog;
  now: () => number;
}

/**
 * Signs in the way the request says: a cookie session from a password, a pasted token checked
 * with the cluster, or a token issued for a password or secret key. Keeps what it got, after
 * `accepted` (run once the cluster said yes, before anything is kept) has finished.
 */
export async function signInWith(
  context: SignInContext,
  profile: Profile,
  client: ThoughtSpotClient,
  request: SignInRequest,
  accepted: () => Promise<void> = () => Promise.resolve(),
): Promise<SessionStatus> {
  const { vault, tokens, states, log, now } = context;
  // REST API v1 issues no bearer tokens: a password or secret key there gives a cookie session.
  const cookieOnly = !client.issuesTokens && request.method !== 'token';
  if (cookieOnly || (request.method === 'password' && request.kind === 'cookie')) {
    const org = ['C', 'V1'].includes(client.dialect) ? profile.org : undefined;
    const result =
      request.method === 'secret-key'
        ? await client.loginWithSecretKey({
            username: profile.username,
            secretKey: request.secretKey,
            ...(org !== undefined ? { org } : {}),
          })
        : await client.login({
            username: profile.username,
            password: request.password,
            ...(request.rememberMe !== undefined ? { rememberMe: request.rememberMe } : {}),
            ...(org !== undefined ? { org } : {}),
          });
    await accepted();
    await vault.setCookies(profile, client.serializeCookies());
    // The session is now this cookie one; a token from an earlier sign-in would shadow it.
    await vault.deleteToken(profile.id);
    const secret = request.method === 'secret-key' ? request.secretKey : request.password;
    await keepCredential(vault, profile, request.remember, request.method, secret);
    log(profile, 'signed-in', { kind: 'cookie' });
    return states.apply(profile.id, {
      type: 'signed-in',
      kind: 'cookie',
      ...(result.expiresAt !== undefined ? { expiresAt: result.expiresAt } : {}),
    });
  }
  if (request.method === 'token') {
    client.useBearer(request.token.trim());
    const info = await client.info();
    refuseOtherUsersToken(profile, info.username);
    const validity = await client.validate().catch(() => ({ expiresAt: info.expiresAt }));
    const expiresAt =
      validity.expiresAt ?? info.expiresAt ?? now() + profile.validitySeconds * 1000;
    await accepted();
    await tokens.store(profile, 'pasted', {
      token: request.token.trim(),
      createdAt: now(),
      expiresAt,
      username: info.username,
      dialect: client.dialect,
    });
    return states.status(profile.id);
  }
  const credential =
    request.method === 'password'
      ? { kind: 'password' as const, password: request.password }
      : { kind: 'secretKey' as const, secretKey: request.secretKey };
  const issued = await issueToken(profile, client, credential);
  await accepted();
  await keepCredential(
    vault,
    profile,
    request.remember,
    request.method,
    request.method === 'password' ? request.password : request.secretKey,
  );
  await tokens.store(profile, 'issued', issued);
  return states.status(profile.id);
}

/**
 * A pasted token is kept only for the user the profile signs in as: another user's token is
 * refused (nothing stored), naming whose it is, so the window can offer to keep it as that user
 * (a second sign-in with `saveOnSuccess.username`) and the CLI can say so.
 */
function refuseOtherUsersToken(profile: Profile, named: string): void {
  const user = stripControls(named).trim();
  if (!user || user.toLowerCase() === profile.username.toLowerCase()) return;
  throw new InputError(
    `This token is ${user}'s, not ${profile.username}'s (the profile's user): nothing was stored. To keep it, make ${user} the profile's user`,
    { user },
  );
}

/** A token for the profile's user and org, from a password or secret key (sign-in and renewal). */
export function issueToken(
  profile: Profile,
  client: ThoughtSpotClient,
  credential: Credential,
): Promise<IssuedToken> {
  return client.getToken({
    username: profile.username,
    credential,
    validitySeconds: profile.validitySeconds,
    ...(profile.org !== undefined && client.dialect !== 'A' ? { orgId: profile.org } : {}),
  });
}

/**
 * What a sign-in the cluster accepted changes in the profile. A new username forgets the old
 * user's secrets (the identity listener) before the new ones are kept.
 */
export async function saveAccepted(
  profiles: ProfileStore,
  saved: Profile,
  change: {
    username?: string | undefined;
    auth?: Profile['auth'] | undefined;
    org?: number | undefined;
  },
): Promise<void> {
  const username = change.username ?? saved.username;
  const auth = change.auth ?? saved.auth;
  const org = change.org ?? saved.org;
  if (username === saved.username && auth === saved.auth && org === saved.org) return;
  await profiles.update(saved.id, {
    name: saved.name,
    url: saved.url,
    username,
    auth,
    ...(org !== undefined ? { org } : {}),
  });
}

/** remember: true keeps the credential for renewals; false forgets one kept before. */
async function keepCredential(
  vault: ProfileVault,
  profile: Profile,
  remember: boolean | undefined,
  kind: 'password' | 'secret-key',
  value: string,
): Promise<void> {
  if (remember === undefined) return;
  if (kind === 'password') {
    await (remember ? vault.setPassword(profile, value) : vault.forgetPassword(profile.id));
  } else {
    await (remember ? vault.setSecretKey(profile, value) : vault.forgetSecretKey(profile.id));
  }
}
