import { AuditLog, type AuditSource } from '../audit/audit-log.js';
import { logProfileChange } from '../audit/profile-changes.js';
import type { BrowserSignIn } from '../browser-sign-in/port.js';
import type { CopyResult } from '../clipboard/page-copies.js';
import type { ClipboardPort, TokenClipboard } from '../clipboard/token-clipboard.js';
import type { CopyFormat } from '../clipboard/token-formats.js';
import { InputError } from '../errors/index.js';
import { hasSession, Orgs } from '../orgs/index.js';
import {
  ProfileStore,
  type BackendFactory,
  type Profile,
  type ProfileInput,
} from '../profiles/index.js';
import { ProfileVault } from '../secrets/index.js';
import { SessionManager, type FetchFactory } from '../session/index.js';
import { MintedTokens, TokensForUsers } from '../tokens-for-users/index.js';
import type { SessionStatus } from '../session/session-state.js';
import { OutsideChanges, type OutsidePart } from './outside-changes.js';
import { PreferencesFile } from './preferences.js';
import { renewRemembered } from './remembered-sessions.js';
import { SecretsController, type SecretsStatus } from './secrets-controller.js';
import { TokenCopies } from './token-copies.js';
import type { ProfileView } from './views.js';

/** State changes pushed to the window (and over the browser bridge). */
export type AppEvent =
  | { type: 'session'; profileId: string; status: SessionStatus }
  | { type: 'profiles' }
  /** The audit log grew (here or in another process): the Activity list reads it again. */
  | { type: 'activity' }
  | { type: 'secrets'; secrets: SecretsStatus }
  /** The org list known for a profile changed (the tray's "Switch org" follows it). */
  | { type: 'orgs'; profileId: string };

export type { CopyResult };

export interface AppServicesOptions {
  configDir: string;
  env: NodeJS.ProcessEnv;
  /** The system clipboard; 'page' where the host has none (browser mode): the page copies. */
  clipboard: ClipboardPort | 'page';
  /** Who this host's audit lines are from (default: the window). */
  source?: AuditSource;
  /** electron-store in the app; conf elsewhere. */
  settingsBackend?: BackendFactory;
  fetchFor?: FetchFactory;
  now?: () => number;
  /** Ask the cluster about live sessions this often (ms). */
  validateEveryMs?: number;
  /** The host's browser for SAML, OIDC and the cluster's own sign-in page. */
  browser?: BrowserSignIn;
  /** How often the config directory is looked at besides its file events (ms). */
  outsidePollMs?: number;
}

/**
 * Everything the window, the tray and the browser mode drive, wired once: profiles, secrets,
 * sessions (with expiry timers), the audit log, preferences and the clipboard.
 */
export class AppServices {
  readonly profiles: ProfileStore;
  readonly secrets: SecretsController;
  readonly vault: ProfileVault;
  readonly audit: AuditLog;
  readonly manager: SessionManager;
  readonly preferences: PreferencesFile;
  readonly clipboard: TokenClipboard;
  /** The profile's own token copied, handed to the page, or revealed. */
  readonly copies: TokenCopies;
  /** Secret-key profiles: tokens for other users, and revoking another user's tokens. */
  readonly tokensForUsers: TokensForUsers;
  /** The window's side of it: tokens minted this run, kept in memory only. */
  readonly mintedTokens: MintedTokens;
  /** The orgs a profile's user may enter, and moving its session between them. */
  readonly orgs: Orgs;
  readonly #listeners = new Set<(event: AppEvent) => void>();
  readonly #pollMs: number | undefined;
  #outside: OutsideChanges | undefined;

  constructor(options: AppServicesOptions) {
    const now = options.now ?? Date.now;
    this.profiles = new ProfileStore({
      configDir: options.configDir,
      now,
      ...(options.settingsBackend ? { backend: options.settingsBackend } : {}),
    });
    this.secrets = new SecretsController({ configDir: options.configDir, env: options.env });
    this.vault = new ProfileVault(this.secrets, (id) => this.profiles.find(id));
    this.audit = new AuditLog(options.configDir, { now, source: options.source ?? 'window' });
    this.preferences = new PreferencesFile(options.configDir);
    this.manager = new SessionManager({
      profiles: this.profiles,
      vault: this.vault,
      audit: this.audit,
      configDir: options.configDir,
      now,
      timers: true,
      ...(options.fetchFor ? { fetchFor: options.fetchFor } : {}),
      ...(options.validateEveryMs ? { validateEveryMs: options.validateEveryMs } : {}),
      ...(options.browser ? { browser: options.browser } : {}),
    });
    this.copies = new TokenCopies({
      profiles: this.profiles,
      manager: this.manager,
      clipboard: options.clipboard,
      clearSeconds: () => this.preferences.read().clipboardClearSeconds,
      now,
    });
    this.clipboard = this.copies.clipboard;
    const { pageCopies } = this.copies;
    this.tokensForUsers = new TokensForUsers({
      profiles: this.profiles,
      vault: this.vault,
      manager: this.manager,
      audit: this.audit,
      now,
    });
    this.mintedTokens = new MintedTokens({
      tokens: this.tokensForUsers,
      profiles: this.profiles,
      clipboard: this.clipboard,
      ...(pageCopies ? { pageCopies } : {}),
      clearSeconds: () => this.preferences.read().clipboardClearSeconds,
      audit: this.audit,
      now,
    });
    this.orgs = new Orgs({
      profiles: this.profiles,
      vault: this.vault,
      manager: this.manager,
      audit: this.audit,
      now,
    });
    this.manager.subscribe(({ profileId, status }) => {
      this.emit({ type: 'session', profileId, status });
      // The tray lists the orgs from memory: a new session's list is asked for once, now.
      if (hasSession(status)) this.orgs.learn(profileId);
    });
    // Only a list that is there is news: a dropped one (the session ended) comes with that
    // session's status, and an `orgs` event before it would have the window ask the cluster for
    // the session just ended (a renewal that fails in Activity, unasked).
    this.orgs.known.subscribe((profileId) => {
      if (this.orgs.known.get(profileId)) this.emit({ type: 'orgs', profileId });
    });
    this.#pollMs = options.outsidePollMs;
  }

  /**
   * What the app does once at start: every session read from the keychain, then kept in step
   * with what other processes (`tsm`) change in the config directory, and remembered sessions
   * whose token ran out while the app was closed renewed in the background.
   */
  async start(): Promise<{ renewed: Promise<void> }> {
    await this.restoreSessions();
    this.#outside ??= new OutsideChanges({
      settingsPath: this.profiles.path,
      auditPath: this.audit.path,
      stamp: this.secrets.stamp,
      onChange: (parts) => this.#outsideChanged(parts),
      ...(this.#pollMs !== undefined ? { pollMs: this.#pollMs } : {}),
    });
    const renewed = renewRemembered(this);
    return { renewed };
  }

  onEvent(listener: (event: AppEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: AppEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  /** Reads every profile's session from the keychain; a keychain problem leaves them signed out. */
  async restoreSessions(options: { keepErrors?: boolean } = {}): Promise<void> {
    const settled = options.keepErrors
      ? ['signing-in', 'renewing', 'error']
      : ['signing-in', 'renewing'];
    for (const profile of this.profiles.list()) {
      // A sign-in or renewal under way here settles its own status; a failure shown here keeps
      // its reason when the change elsewhere was only, say, a detected dialect noted in settings.
      if (settled.includes(this.manager.status(profile.id).state)) continue;
      await this.manager.restore(profile.id).catch(() => undefined);
    }
  }

  /** Another process changed profiles, secrets or the log: the window is shown the new truth. */
  async #outsideChanged(parts: ReadonlySet<OutsidePart>): Promise<void> {
    if (parts.has('settings') || parts.has('secrets')) {
      await this.restoreSessions({ keepErrors: true });
      // An org switch saves the org before it stores the new org's token: a look between the two
      // asked with the old token, so the token's arrival asks again.
      this.orgs.recheck();
    }
    if (parts.has('settings')) this.emit({ type: 'profiles' });
    if (parts.has('activity')) this.emit({ type: 'activity' });
  }

  /** Every profile as the window shows it, where secrets live, and any repair notice. */
  async listProfiles(): Promise<{
    profiles: ProfileView[];
    notice?: string;
    secrets: SecretsStatus;
  }> {
    // A reload shows the truth even where file events are late or missing.
    await this.#outside?.checkNow();
    const secrets = await this.secrets.status();
    const notice = this.profiles.notice?.message;
    return {
      profiles: this.profiles.list().map((p) => this.profileView(p)),
      secrets,
      ...(notice ? { notice } : {}),
    };
  }

  profileView(profile: Profile): ProfileView {
    return {
      ...profile,
      isDefault: this.profiles.defaultProfile()?.id === profile.id,
      status: this.manager.status(profile.id),
    };
  }

  /** Adds a profile, or edits the one with that id. */
  async saveProfile(profileId: string | undefined, input: ProfileInput): Promise<ProfileView> {
    const saved =
      profileId === undefined
        ? await this.#addProfile(input)
        : await this.#editProfile(profileId, input);
    // An edit may change whom the list is for; a session that stays is asked again.
    this.orgs.known.drop(saved.id);
    if (hasSession(this.manager.status(saved.id))) this.orgs.learn(saved.id);
    return this.profileView(saved);
  }

  async #addProfile(input: ProfileInput): Promise<Profile> {
    const added = await this.profiles.add(input);
    logProfileChange(this.audit, { type: 'added', profile: added });
    return added;
  }

  async #editProfile(profileId: string, input: ProfileInput): Promise<Profile> {
    const before = this.profiles.get(profileId);
    const after = await this.profiles.update(before.id, input);
    logProfileChange(this.audit, { type: 'edited', before, after });
    return after;
  }

  /** A copy of a profile's settings; no secret and no session comes with it. */
  async duplicateProfile(profileId: string): Promise<ProfileView> {
    const from = this.profiles.get(profileId);
    const copy = await this.profiles.duplicate(from.id);
    logProfileChange(this.audit, { type: 'added', profile: copy, from });
    return this.profileView(copy);
  }

  revealToken(profileId: string): Promise<{ token: string }> {
    return this.copies.reveal(profileId);
  }

  copyToken(profileId: string, format: CopyFormat): Promise<CopyResult> {
    return this.copies.copy(profileId, format);
  }

  confirmPageCopy(profileId: string): { recorded: true } {
    return this.copies.confirmPageCopy(profileId);
  }

  /**
   * The person's opt-in to an encrypted file, refused while the keychain works; the sessions
   * kept in the file are then read and the window told where secrets now live.
   */
  async useEncryptedFile(passphrase: string): Promise<SecretsStatus> {
    if (this.secrets.kind === 'keychain' && !(await this.secrets.status()).problem) {
      throw new InputError('The keychain works; secrets stay there');
    }
    const secrets = await this.secrets.useEncryptedFile(passphrase);
    await this.restoreSessions();
    this.emit({ type: 'secrets', secrets });
    return secrets;
  }

  dispose(): void {
    this.#outside?.dispose();
    this.manager.dispose();
    this.copies.dispose();
    this.#listeners.clear();
  }

  /**
   * Revokes every profile's bearer token (revoke-on-quit), one after another. A profile whose
   * revocation fails (cluster unreachable, already revoked) is skipped; this never rejects.
   */
  async revokeBearerSessions(): Promise<void> {
    for (const profile of this.profiles.list()) {
      const status = this.manager.status(profile.id);
      if ('kind' in status && status.kind === 'bearer')
        await this.manager.revoke(profile.id).catch(() => undefined);
    }
  }
}
