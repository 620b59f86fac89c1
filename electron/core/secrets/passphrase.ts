import { KeychainError } from '../errors/index.js';

export const PASSPHRASE_ENV = 'TSM_SECRETS_PASSPHRASE';

/**
 * Where the encrypted file's passphrase comes from: TSM_SECRETS_PASSPHRASE for headless use
 * (scripts, CI), else the given prompt (a terminal question, a dialog). The store calls the
 * result once per process and keeps the derived key.
 */
export function passphraseFrom(
  env: NodeJS.ProcessEnv,
  readStdin?: () => Promise<string>,
): () => Promise<string> {
  return async () => {
    const fromEnv = env[PASSPHRASE_ENV];
    if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv;
    const typed = readStdin === undefined ? '' : await readStdin();
    if (typed.length === 0) {
      throw new KeychainError(
        'NO_PASSPHRASE',
        `No passphrase was given for the encrypted secrets file; set ${PASSPHRASE_ENV} or ` +
          'enter it when asked',
      );
    }
    return typed;
  };
}
