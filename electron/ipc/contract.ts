/**
 * The one declaration of the renderer-to-main API: every channel (`domain:verb`), its request
 * validator and its response type. The preload's `window.sessionApi` type and the main-side
 * handler table are derived from it, so adding a channel here is the one edit; the compiler then
 * demands a handler. The renderer imports this file for types only.
 */
import * as v from 'valibot';
import type { AppEvent, CopyResult } from '../core/app/app-services.js';
import type { Preferences } from '../core/app/preferences.js';
import type { SecretsStatus } from '../core/app/secrets-controller.js';
import type { ProfileView, TokenSummary } from '../core/app/views.js';
import type { AuditEntry } from '../core/audit/audit-log.js';
import type { ErrorDetails } from '../core/errors/index.js';
import {
  COPY_FORMATS,
  MINTED_COPY_FORMATS,
  type CopyFormat,
  type MintedCopyFormat,
} from '../core/clipboard/token-formats.js';
import { orgTextSchema } from '../core/orgs/org-choice.js';
import type { OrgList } from '../core/thoughtspot/index.js';
import { profileIdSchema as id, profileInputSchema } from '../core/profiles/index.js';
import { signInRequestSchema, type BrowserSignInResult } from '../core/session/index.js';
import type { SessionStatus } from '../core/session/session-state.js';
import type { Dialect, SessionInfo } from '../core/thoughtspot/types.js';
import type { FilterOperator } from '../core/thoughtspot/mint-types.js';
import { mintFormSchema } from '../core/tokens-for-users/mint-form.js';
import type { MintedSummary } from '../core/tokens-for-users/minted-this-run.js';
import type { WireError } from './wire-error.js';

const short = (max: number) => v.pipe(v.string(), v.maxLength(max));
const secret = v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(16 * 1024));
const seconds = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(365 * 24 * 3600));
const profileRef = v.strictObject({ profileId: id });
const none = v.optional(v.strictObject({}));
const mintIdSchema = v.pipe(v.string(), v.uuid('is not a minted token id'));

/** Where secrets live, or why they cannot be reached (the window shows a banner). */
export type SecretsState = SecretsStatus;
export type AppSettings = Preferences;
export type { AppEvent, CopyFormat, CopyResult, ProfileView, TokenSummary, WireError };
export type { FilterOperator, MintedCopyFormat, MintedSummary };
// What the answers are made of, so the renderer takes every type it needs from here alone.
export type { AuditEntry, BrowserSignInResult, Dialect, ErrorDetails, SessionInfo, SessionStatus };
export type { OrgList };

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
    v.strictObject({ profileId: v.optional(id), input: profileInputSchema }),
  ),
  'profiles:duplicate': channel<ProfileView>()(profileRef),
  'profiles:remove': channel<{ removed: string }>()(profileRef),
  'profiles:setDefault': channel<{ defaultProfileId: string }>()(profileRef),
  'profiles:detect': channel<{ dialect: Dialect }>()(profileRef),
  'profiles:checkUrl': channel<{ url: string }>()(
    v.strictObject({ url: short(4096), assumeHttps: v.optional(v.boolean()) }),
  ),
  'session:login': channel<SessionStatus>()(signInRequestSchema({ profileId: id })),
  /** SAML, OIDC or the cluster's page in a window of the app's own; resolves once signed in. */
  'session:signInWithBrowser': channel<BrowserSignInResult>()(profileRef),
  /** Ends a browser sign-in under way; `cancelled` is false when there was none. */
  'session:cancelBrowserSignIn': channel<{ cancelled: boolean }>()(profileRef),
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
  /**
   * Copies from the main process (the clipboard is cleared later if it still holds the token); in
   * browser mode the text comes back for the page to write, the one other way a token reaches it.
   */
  'session:copyToken': channel<CopyResult>()(
    v.strictObject({ profileId: id, format: v.picklist(COPY_FORMATS) }),
  ),
  /** The orgs the profile's user may enter and the session's own, as the cluster says now. */
  'orgs:list': channel<OrgList>()(profileRef),
  /** Moves the session to an org the user is in, named or by id; the profile keeps it. */
  'orgs:switch': channel<ProfileView>()(v.strictObject({ profileId: id, org: orgTextSchema })),
  /** Browser mode: the page wrote what copyToken handed it; the copy is recorded now. */
  'session:confirmCopy': channel<{ recorded: true }>()(profileRef),
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
  // Tokens for other users (secret-key profiles). A minted token stays in the main process for
  // this run; the window gets its facts and fingerprint, the token only for an explicit reveal.
  'tokens:mint': channel<MintedSummary>()(
    v.strictObject({ profileId: id, ...mintFormSchema.entries }),
  ),
  'tokens:revealMinted': channel<{ token: string }>()(v.strictObject({ mintId: mintIdSchema })),
  /** Copies from the main process, cleared later like session:copyToken. */
  'tokens:copyMinted': channel<CopyResult>()(
    v.strictObject({ mintId: mintIdSchema, format: v.picklist(MINTED_COPY_FORMATS) }),
  ),
  /** Browser mode: the page wrote what copyMinted handed it; the copy is recorded now. */
  'tokens:confirmCopy': channel<{ recorded: true }>()(v.strictObject({ mintId: mintIdSchema })),
  'tokens:mintedList': channel<MintedSummary[]>()(profileRef),
  /** Every token of `user`, revoked with the profile's own (administrator's) session. */
  'tokens:revokeForUser': channel<{ user: string; forgotten: number }>()(
    v.strictObject({ profileId: id, user: short(1024) }),
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

/** `window.sessionApi`, derived from the contract: the same shape over IPC and over the web bridge. */
export interface SessionApi {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  /**
   * Browser mode only: whether the page still reaches the app (false once calls or the event
   * stream fail, true again when they work). The preload has no such thing to lose.
   */
  onConnection?(listener: (connected: boolean) => void): () => void;
}

export const EVENT_CHANNEL = 'events:app';
