import { join } from 'node:path';
import { configDir } from '../core/config-dir.js';
import { readSettings } from '../core/profiles/recover.js';
import type { SettingsData } from '../core/profiles/settings-schema.js';
import type { Profile } from '../core/profiles/profile.js';
import { keychainService, loadKeytar, type KeytarApi } from '../core/secrets/keytar-store.js';
import { keytarAttributes, openSecretService } from '../core/secrets/secret-service-lookup.js';
import { checkAccount, type SecretStore } from '../core/secrets/secret-store.js';
import { ProfileVault } from '../core/secrets/vault.js';
import { lastsLongEnough, tokenOwner } from '../core/session/token-cache.js';
import { cliClock } from './clock.js';
import { tokenText } from './token-output.js';

/**
 * `tsm token` answered from the keychain without loading the CLI, for scripts that call it often:
 * the settings read as core reads them, one keychain read through core's vault (binding and format
 * checks included) over a store that refuses to write, and the session manager's rule for serving
 * from the cache. On Linux the read goes straight to the Secret Service (secret-service-lookup.ts),
 * which skips loading keytar and libsecret; elsewhere, or when that cannot answer, keytar reads. Anything else (a renewal, a repair, any error, an argument it does not know)
 * gives `undefined`, having printed and written nothing, and the full CLI does it and says why.
 */
export async function fastToken(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  reader: () => KeychainReader = () => keychainReader(env),
): Promise<string | undefined> {
  const flags = readFlags(args);
  if (!flags) return undefined;
  // Opened before the settings are read: the keychain's first answers arrive meanwhile.
  const keychain = reader();
  try {
    const data = readSettings(join(configDir(env), 'settings.json'));
    if (data === 'damaged') return undefined;
    const profile = chosen(data, flags.profile);
    // A REST API v1 profile has no token: the full command says so.
    if (!profile || tokenOwner(profile)?.dialect === 'V1') return undefined;
    const vault = new ProfileVault(new ReadOnlyKeychain(keychain.read, keychainService(env)));
    const token = await vault.getToken(profile, tokenOwner(profile));
    const now = cliClock(env);
    if (!token || !lastsLongEnough(token, now(), flags.minTtl)) return undefined;
    return tokenText(profile.name, token, now(), flags.json);
  } catch {
    // Whatever went wrong, the full command meets it again and reports it properly.
    return undefined;
  } finally {
    keychain.close();
  }
}

/** Reads one keychain entry of this app's (service, account), or undefined when there is none. */
export type SecretRead = (service: string, account: string) => Promise<string | undefined>;

/** A read and, once done with it, a close (the Secret Service's connection). */
export interface KeychainReader {
  read: SecretRead;
  close(): void;
}

/**
 * The Secret Service first, keytar when it is unavailable. An entry it finds locked, missing or
 * twice is undefined: the full command, through keytar, tells those apart and may unlock.
 */
export function keychainReader(
  env: NodeJS.ProcessEnv,
  keytar: () => Promise<KeytarApi> = () => loadKeytar(),
): KeychainReader {
  const secrets = openSecretService(env);
  return {
    read: async (service, account) => {
      const lookup = await secrets.lookup(keytarAttributes(service, account));
      if (lookup === 'absent') return undefined;
      if (lookup !== 'unavailable') return lookup.found;
      return (await (await keytar()).getPassword(service, account)) ?? undefined;
    },
    close: () => secrets.close(),
  };
}

interface Flags {
  profile?: string;
  minTtl?: number;
  json: boolean;
}

/**
 * Only the plain forms of the flags `tsm token` takes from a script; anything else (help, --as, a
 * repeated or unknown flag, a value that looks like a flag) is for the full parser and its errors.
 */
function readFlags(args: readonly string[]): Flags | undefined {
  const flags: Flags = { json: false };
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [option, inline] = splitInline(arg);
    const name = option === '-p' ? 'profile' : option.slice(2);
    if (seen.has(name)) return undefined;
    seen.add(name);
    if (inline === undefined && (option === '--json' || option === '--verbose')) {
      if (option === '--json') flags.json = true;
      continue;
    }
    if (option !== '-p' && option !== '--profile' && option !== '--min-ttl') return undefined;
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('-'))) return undefined;
    if (name === 'profile') flags.profile = value;
    else if (/^\d{1,10}$/.test(value.trim())) flags.minTtl = Number(value.trim());
    else return undefined;
  }
  return flags;
}

/** `--profile=X` as option and value; `-p` takes no inline value here. */
function splitInline(arg: string): [string, string | undefined] {
  const at = arg.indexOf('=');
  if (!arg.startsWith('--') || at < 0) return [arg, undefined];
  return [arg.slice(0, at), arg.slice(at + 1)];
}

/** As ProfileStore.find and defaultProfile choose (test/cli/fast-token.test.ts holds them alike). */
function chosen(data: SettingsData, nameOrId: string | undefined): Profile | undefined {
  if (nameOrId === undefined) {
    return data.profiles.find((p) => p.id === data.defaultProfileId) ?? data.profiles[0];
  }
  const wanted = nameOrId.trim().toLowerCase();
  return data.profiles.find((p) => p.id === nameOrId || p.name.toLowerCase() === wanted);
}

/** Thrown by every write: whatever the vault wants to change, the full command changes. */
class WriteRefused extends Error {}

/**
 * Reads one entry and nothing else: no unlock check (a missing entry sends the caller to the full
 * command, which tells "locked" from "missing"), no writes.
 */
class ReadOnlyKeychain implements SecretStore {
  readonly kind = 'keychain';

  constructor(
    private readonly read: SecretRead,
    private readonly service: string,
  ) {}

  describe(): string {
    return 'the OS keychain';
  }

  async get(account: string): Promise<string | undefined> {
    checkAccount(account);
    return this.read(this.service, account);
  }

  set(): Promise<void> {
    return Promise.reject(new WriteRefused());
  }

  delete(): Promise<boolean> {
    return Promise.reject(new WriteRefused());
  }

  accounts(): Promise<string[]> {
    return Promise.reject(new WriteRefused());
  }
}
