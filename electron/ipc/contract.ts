/**
 * The one declaration of the renderer-to-main API: every channel (`domain:verb`), its request
 * validator and its response type. The preload's `window.sessionApi` type and the main-side
 * handler table are derived from it, so adding a channel here is the one edit; the compiler then
 * demands a handler. The renderer imports this file for types only.
 */
import * as v from 'valibot';
import type { AuditEntry } from '../core/audit/audit-log.js';
import type { CopyFormat } from '../core/clipboard/token-formats.js';
import type { ErrorCode, ErrorDetails } from '../core/errors/index.js';
import type { Profile } from '../core/profiles/index.js';
import type { SessionStatus } from '../core/session/session-state.js';
import type { Dialect, SessionInfo } from '../core/thoughtspot/types.js';

const id = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(64),
  v.regex(/^[\w-]+$/, 'is not a profile id'),
);
const short = (max: number) => v.pipe(v.string(), v.maxLength(max));
const secret = v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(16 * 1024));
const seconds = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(365 * 24 * 3600));
const profileRef = v.strictObject({ profileId: id });
const none = v.optional(v.strictObject({}));

/** What the profile editor sends; the core checks meaning (URL, names, orgs) itself. */
const profileInput = v.strictObject({
  name: short(200),
  url: short(4096),
  username: short(1024),
  auth: v.optional(v.picklist(['password', 'secret-key', 'token'])),
  // null clears the org of a saved profile (absent keeps it).
  org: v.optional(v.nullable(v.pipe(v.number(), v.integer()))),
  dialect: v.optional(v.picklist(['auto', 'A', 'B', 'C'])),
  tls: v.optional(
    v.strictObject({ caFile: v.optional(short(4096)), insecure: v.optional(v.boolean()) }),
  ),
  validitySeconds: v.optional(v.pipe(v.number(), v.integer())),
  autoRenew: v.optional(v.boolean()),
  assumeHttps: v.optional(v.boolean()),
});

const signIn = v.variant('method', [
  v.strictObject({
    profileId: id,
    method: v.literal('password'),
    password: secret,
    kind: v.picklist(['cookie', 'bearer']),
    rememberMe: v.optional(v.boolean()),
    remember: v.optional(v.boolean()),
  }),
  v.strictObject({
    profileId: id,
    method: v.literal('secret-key'),
    secretKey: secret,
    remember: v.optional(v.boolean()),
  }),
  v.strictObject({
    profileId: id,
    method: v.literal('token'),
    token: v.pipe(secret, v.regex(/^\S+$/, 'must not contain spaces or line breaks')),
  }),
]);

/** A profile as the window shows it: settings plus where its session stands. */
export interface ProfileView extends Profile {
  isDefault: boolean;
  status: SessionStatus;
}

/** Where secrets live, or why they cannot be reached (the window shows a banner). */
export interface SecretsState {
  location?: string;
  problem?: { code: 'KEYCHAIN_UNAVAILABLE'; cause: string; message: string };
}

/** Token facts the window may show without holding the token itself. */
export interface TokenSummary {
  createdAt: number;
  expiresAt: number;
  username: string;
  dialect: Dialect;
  fingerprint: string;
}

export interface AppSettings {
  clipboardClearSeconds: number;
  revokeOnQuit: boolean;
  startAtLogin: boolean;
  notifyBeforeExpiry: boolean;
}

interface Channel<Request extends v.GenericSchema, Response> {
  request: Request;
  /** Phantom: only the type is used. */
  response?: Response;
}

function channel<Response>() {
  return <Request extends v.GenericSchema>(request: Request): Channel<Request, Response> => ({
    request,
  });
}

export const CONTRACT = {
  'profiles:list': channel<{ profiles: ProfileView[]; notice?: string; secrets: SecretsState }>()(
    none,
  ),
  'profiles:save': channel<ProfileView>()(
    v.strictObject({ profileId: v.optional(id), input: profileInput }),
  ),
  'profiles:duplicate': channel<ProfileView>()(profileRef),
  'profiles:remove': channel<{ removed: string }>()(profileRef),
  'profiles:setDefault': channel<{ defaultProfileId: string }>()(profileRef),
  'profiles:detect': channel<{ dialect: Dialect }>()(profileRef),
  'profiles:checkUrl': channel<{ url: string }>()(
    v.strictObject({ url: short(4096), assumeHttps: v.optional(v.boolean()) }),
  ),
  'session:login': channel<SessionStatus>()(signIn),
  'session:getToken': channel<TokenSummary>()(
    v.strictObject({ profileId: id, minTtlSeconds: v.optional(seconds) }),
  ),
  'session:renew': channel<TokenSummary>()(profileRef),
  'session:info': channel<SessionInfo>()(profileRef),
  'session:validate': channel<SessionStatus>()(profileRef),
  'session:revoke': channel<SessionStatus>()(profileRef),
  'session:logout': channel<{ cluster: 'signed-out' | 'no-session' | 'unreachable' }>()(profileRef),
  /** An explicit reveal: the one way a token reaches the renderer. */
  'session:revealToken': channel<{ token: string }>()(profileRef),
  /** Copies from the main process; the clipboard is cleared later if it still holds the token. */
  'session:copyToken': channel<{ clearsAfterSeconds: number }>()(
    v.strictObject({ profileId: id, format: v.picklist(['token', 'curl', 'env']) }),
  ),
  'audit:list': channel<AuditEntry[]>()(
    v.optional(
      v.strictObject({
        profileId: v.optional(id),
        limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
      }),
    ),
  ),
  'settings:get': channel<AppSettings>()(none),
  'settings:set': channel<AppSettings>()(
    v.strictObject({
      clipboardClearSeconds: v.optional(
        v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(600)),
      ),
      revokeOnQuit: v.optional(v.boolean()),
      startAtLogin: v.optional(v.boolean()),
      notifyBeforeExpiry: v.optional(v.boolean()),
    }),
  ),
  /** The opt-in fallback when there is no keychain: an encrypted file under a passphrase. */
  'secrets:useEncryptedFile': channel<SecretsState>()(v.strictObject({ passphrase: secret })),
} as const;

export type ChannelName = keyof typeof CONTRACT;
export const CHANNEL_NAMES = Object.keys(CONTRACT) as ChannelName[];

type Schema<C extends ChannelName> = (typeof CONTRACT)[C]['request'];
/** What the renderer sends. */
export type RequestOf<C extends ChannelName> = v.InferInput<Schema<C>>;
/** What a handler receives, after validation. */
export type ValidRequestOf<C extends ChannelName> = v.InferOutput<Schema<C>>;
export type ResponseOf<C extends ChannelName> = NonNullable<(typeof CONTRACT)[C]['response']>;

/** One call's answer across the boundary; errors travel as plain data with their stable code. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: WireError };

export interface WireError {
  code: ErrorCode | 'INTERNAL';
  message: string;
  details: ErrorDetails;
}

/** State changes pushed to the window. */
export type AppEvent =
  | { type: 'session'; profileId: string; status: SessionStatus }
  | { type: 'profiles' }
  | { type: 'secrets'; secrets: SecretsState };

/** `window.sessionApi`, derived from the contract: the same shape over IPC and over the web bridge. */
export interface SessionApi {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}

export const EVENT_CHANNEL = 'events:app';
export type { CopyFormat };
