import { AuditLog } from '../audit/audit-log.js';
import { TokenClipboard, type ClipboardPort } from '../clipboard/token-clipboard.js';
import { ProfileStore, type BackendFactory } from '../profiles/index.js';
import { ProfileVault } from '../secrets/index.js';
import { SessionManager, type FetchFactory } from '../session/index.js';
import type { SessionStatus } from '../session/session-state.js';
import { PreferencesFile } from './preferences.js';
import { SecretsController, type SecretsStatus } from './secrets-controller.js';

export type ServiceEvent =
  | { type: 'session'; profileId: string; status: SessionStatus }
  | { type: 'profiles' }
  | { type: 'secrets'; secrets: SecretsStatus };

export interface AppServicesOptions {
  configDir: string;
  env: NodeJS.ProcessEnv;
  clipboard: ClipboardPort;
  /** electron-store in the app; conf elsewhere. */
  settingsBackend?: BackendFactory;
  fetchFor?: FetchFactory;
  now?: () => number;
  /** Ask the cluster about live sessions this often (ms). */
  validateEveryMs?: number;
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
  readonly #listeners = new Set<(event: ServiceEvent) => void>();

  constructor(options: AppServicesOptions) {
    const now = options.now ?? Date.now;
    this.profiles = new ProfileStore({
      configDir: options.configDir,
      now,
      ...(options.settingsBackend ? { backend: options.settingsBackend } : {}),
    });
    this.secrets = new SecretsController({ configDir: options.configDir, env: options.env });
    this.vault = new ProfileVault(this.secrets);
    this.audit = new AuditLog(options.configDir, { now });
    this.preferences = new PreferencesFile(options.configDir);
    this.clipboard = new TokenClipboard(options.clipboard);
    this.manager = new SessionManager({
      profiles: this.profiles,
      vault: this.vault,
      audit: this.audit,
      configDir: options.configDir,
      now,
      timers: true,
      ...(options.fetchFor ? { fetchFor: options.fetchFor } : {}),
      ...(options.validateEveryMs ? { validateEveryMs: options.validateEveryMs } : {}),
    });
    this.manager.subscribe(({ profileId, status }) =>
      this.emit({ type: 'session', profileId, status }),
    );
  }

  onEvent(listener: (event: ServiceEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: ServiceEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  /** Reads every profile's session from the keychain; a keychain problem leaves them signed out. */
  async restoreSessions(): Promise<void> {
    for (const profile of this.profiles.list()) {
      await this.manager.restore(profile.id).catch(() => undefined);
    }
  }

  dispose(): void {
    this.manager.dispose();
    this.clipboard.dispose();
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
