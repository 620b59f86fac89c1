import { InputError } from '../errors/index.js';
import { hasControlCharacters } from '../text-checks.js';

/**
 * Where secrets live: the OS keychain by default, or an encrypted file the person opted in to.
 * Accounts are plain names (the vault uses `<profileId>/<kind>`); values are never logged,
 * never put in an error, and never leave the store except as the return value of `get`.
 */
export interface SecretStore {
  readonly kind: 'keychain' | 'encrypted-file';
  /** Where the secrets live, said for people: "the OS keychain (Secret Service)", a file path. */
  describe(): string;
  get(account: string): Promise<string | undefined>;
  set(account: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
  accounts(): Promise<string[]>;
}

/** Account names become keychain attributes and JSON keys; a control character has no place. */
export function checkAccount(account: string): void {
  if (account.length === 0 || account.length > 200 || hasControlCharacters(account)) {
    throw new InputError('A secret account name must be 1 to 200 printable characters');
  }
}

/** keytar refuses an empty value, so both stores do: deleting is how a secret is removed. */
export function checkValue(value: string): void {
  if (value.length === 0) {
    throw new InputError('An empty secret cannot be stored; delete the entry instead');
  }
}

/** How messages name where secrets live: "the keychain" or "the encrypted file", never mixed up. */
export function secretsPlace(kind: SecretStore['kind']): string {
  return kind === 'keychain' ? 'the keychain' : 'the encrypted secrets file';
}
