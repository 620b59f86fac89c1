import { readFileSync } from 'node:fs';
import { InputError } from '../errors/index.js';
import { effectiveDialect, type Profile, type ProfileStore } from '../profiles/index.js';
import type {
  ClientOptions,
  Dialect,
  FetchLike,
  ThoughtSpotClient,
  TlsOptions,
} from '../thoughtspot/index.js';

type ClientModule = typeof import('../thoughtspot/index.js');
let clientModule: Promise<ClientModule> | undefined;

/**
 * Loaded on first use: `tsm token` answered from the keychain never needs the HTTP stack. Kept
 * once loaded: each `import()` still resolves the specifier again (through any loader hooks).
 */
const loadClient = (): Promise<ClientModule> =>
  (clientModule ??= import('../thoughtspot/index.js'));

/** Builds the transport for a profile's TLS settings; Electron hands in one built on net.fetch. */
export type FetchFactory = (tls: TlsOptions) => FetchLike;

export interface ClusterAccessOptions {
  profiles: ProfileStore;
  fetchFor?: FetchFactory;
  now?: () => number;
  timeoutMs?: number;
}

/** Turns a profile into clients: its TLS settings, its dialect (detected once, then remembered). */
export class ClusterAccess {
  constructor(private readonly options: ClusterAccessOptions) {}

  tlsOf(profile: Profile): TlsOptions {
    const tls: TlsOptions = {};
    if (profile.tls.caFile) {
      try {
        tls.caPem = readFileSync(profile.tls.caFile, 'utf8');
      } catch {
        throw new InputError(
          `The CA file ${profile.tls.caFile} of "${profile.name}" cannot be read`,
        );
      }
    }
    if (profile.tls.insecure) tls.dangerouslyAcceptAnyCertificate = true;
    return tls;
  }

  async fetchFor(profile: Profile): Promise<FetchLike> {
    const tls = this.tlsOf(profile);
    return (this.options.fetchFor ?? (await loadClient()).createNodeFetch)(tls);
  }

  /** Finds the dialect now (even when one is fixed or remembered) and remembers it. */
  async detect(profile: Profile, signal?: AbortSignal): Promise<Dialect> {
    const { detectDialect } = await loadClient();
    const dialect = await detectDialect({
      baseUrl: profile.url,
      fetch: await this.fetchFor(profile),
      ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
      ...(signal ? { signal } : {}),
    });
    await this.options.profiles.note(profile.id, { detectedDialect: dialect });
    return dialect;
  }

  async dialectOf(profile: Profile): Promise<Dialect> {
    return effectiveDialect(profile) ?? (await this.detect(profile));
  }

  async client(
    profile: Profile,
    session: Pick<ClientOptions, 'cookies' | 'bearer'> = {},
  ): Promise<ThoughtSpotClient> {
    const { ThoughtSpotClient } = await loadClient();
    return new ThoughtSpotClient({
      baseUrl: profile.url,
      dialect: await this.dialectOf(profile),
      fetch: await this.fetchFor(profile),
      ...(this.options.now ? { now: this.options.now } : {}),
      ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
      ...session,
    });
  }
}
