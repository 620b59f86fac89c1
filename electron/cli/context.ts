import type { AuditLog } from '../core/audit/audit-log.js';
import { configDir } from '../core/config-dir.js';
import type { Profile, ProfileStore } from '../core/profiles/index.js';
import type { ProfileVault, SecretStore, StoredToken } from '../core/secrets/index.js';
import type { SessionManager } from '../core/session/index.js';
import { intFlag, stringFlag } from './args.js';
import { cliClock } from './clock.js';
import type { CliIo } from './io.js';
import { outputTo, type Output } from './output.js';

/**
 * What commands share, opened lazily: `tsm token` from the cache opens settings and the keychain,
 * never the HTTP stack; `tsm profile list` never touches the keychain.
 */
export class Context {
  readonly env: NodeJS.ProcessEnv;
  readonly out: Output;
  readonly configDir: string;
  readonly now: () => number;
  /** The profile the command works on, once known: error hints name it (`tsm login -p NAME`). */
  profileName: string | undefined = undefined;
  /** `tsm login --browser-endpoint`: the browser to sign in with, before TSM_BROWSER_ENDPOINT. */
  browserEndpoint: string | undefined = undefined;
  #profiles: ProfileStore | undefined;
  #vault: Promise<ProfileVault> | undefined;
  #audit: AuditLog | undefined;
  #manager: Promise<SessionManager> | undefined;

  constructor(
    readonly io: CliIo,
    readonly flags: { json: boolean; verbose: boolean },
  ) {
    const { env } = io;
    this.env = env;
    this.out = outputTo(io);
    this.configDir = configDir(env);
    this.now = cliClock(env);
  }

  async profiles(): Promise<ProfileStore> {
    if (!this.#profiles) {
      const { ProfileStore } = await import('../core/profiles/index.js');
      this.#profiles = new ProfileStore({ configDir: this.configDir, now: this.now });
      if (this.#profiles.notice) this.out.note(`tsm: ${this.#profiles.notice.message}`);
    }
    return this.#profiles;
  }

  /** The named profile, or the default one. */
  async profile(name: string | undefined): Promise<Profile> {
    const store = await this.profiles();
    const profile = name !== undefined ? store.get(name) : store.defaultProfile();
    if (!profile) {
      const { InputError } = await import('../core/errors/index.js');
      throw new InputError(
        'There are no profiles yet; add one with `tsm profile add NAME --url URL --user USER`',
      );
    }
    this.profileName = profile.name;
    return profile;
  }

  /** A token for `-p NAME` (or the default profile) valid for `--min-ttl` seconds (token, exec). */
  async token(values: Record<string, unknown>): Promise<{ profile: Profile; token: StoredToken }> {
    const profile = await this.profile(stringFlag(values, 'profile'));
    const minTtl = intFlag(values, 'min-ttl');
    const manager = await this.manager();
    const token = await manager.getToken(
      profile.id,
      minTtl !== undefined ? { minTtlSeconds: minTtl } : {},
    );
    return { profile, token };
  }

  async secretStore(): Promise<SecretStore> {
    return (await this.vault()).store;
  }

  vault(): Promise<ProfileVault> {
    this.#vault ??= (async () => {
      const { ChangeStamp, openSecretStore, ProfileVault, StampedSecretStore } =
        await import('../core/secrets/index.js');
      const store = await openSecretStore({
        configDir: this.configDir,
        env: this.env,
        // The encrypted file is used only when the person chose it.
        ...(this.env.TSM_SECRET_STORE === 'encrypted-file'
          ? { fallback: 'encrypted-file' as const, passphrase: () => this.#passphrase() }
          : {}),
      });
      // Every write is announced, so a running app does not answer from what it remembers.
      // Whom each profile's secrets are for now, read from the settings when a binding differs.
      return new ProfileVault(
        new StampedSecretStore(store, new ChangeStamp(this.configDir)),
        (id) => this.#profiles?.find(id),
      );
    })();
    return this.#vault;
  }

  async #passphrase(): Promise<string> {
    const { cliPassphrase } = await import('./passphrase-prompt.js');
    return cliPassphrase(this.io, this.configDir);
  }

  async audit(): Promise<AuditLog> {
    if (!this.#audit) {
      const { AuditLog } = await import('../core/audit/audit-log.js');
      this.#audit = new AuditLog(this.configDir, { now: this.now, source: 'cli' });
    }
    return this.#audit;
  }

  manager(): Promise<SessionManager> {
    this.#manager ??= (async () => {
      const { SessionManager } = await import('../core/session/index.js');
      return new SessionManager({
        profiles: await this.profiles(),
        vault: await this.vault(),
        audit: await this.audit(),
        configDir: this.configDir,
        now: this.now,
        timers: false,
        // Loaded only when a sign-in opens a browser: `tsm token` never pays for it.
        browser: {
          open: async (url, options) => {
            const { devToolsBrowser } = await import('../core/browser-sign-in/devtools-browser.js');
            const { env } = this;
            return devToolsBrowser({
              endpoint: this.browserEndpoint ?? (env.TSM_BROWSER_ENDPOINT || undefined),
              executable: env.TSM_BROWSER || undefined,
              searchPath: env.PATH,
              env,
            }).open(url, options);
          },
        },
      });
    })();
    return this.#manager;
  }
}
