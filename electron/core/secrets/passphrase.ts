import { KeychainError } from '../errors/index.js';

export const PASSPHRASE_ENV = 'TSM_SECRETS_PASSPHRASE';

/** A new encrypted file is made only under a passphrase at least this long. */
export const MIN_NEW_PASSPHRASE_LENGTH = 8;

/**
 * Where the encrypted file's passphrase comes from: TSM_SECRETS_PASSPHRASE for headless use
 * (scripts, CI), else the given prompt (a terminal question, a dialog). The store calls the
 * result once per process and keeps the derived key. An empty answer is refused.
 */
export function passphraseFrom(
  env: NodeJS.ProcessEnv,
  readStdin?: () => Promise<string>,
): () => Promise<string> {
  return async () => {
    const fromEnv = env[PASSPHRASE_ENV];
    if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv;
    return checkPassphrase(readStdin === undefined ? '' : await readStdin());
  };
}

/** Any passphrase, to open a file or make one: never empty. */
export function checkPassphrase(passphrase: string): string {
  if (passphrase.length === 0) {
    throw new KeychainError(
      'NO_PASSPHRASE',
      `No passphrase was given for the encrypted secrets file; set ${PASSPHRASE_ENV} or ` +
        'enter it when asked',
    );
  }
  return passphrase;
}

/**
 * The rule for a passphrase that will make a NEW encrypted file (the CLI's and the window's
 * questions show it before asking twice); an existing file opens with its own, whatever its length.
 */
export function newPassphraseProblem(passphrase: string): string | undefined {
  if (passphrase.length === 0) return 'The passphrase must not be empty';
  if ([...passphrase].length < MIN_NEW_PASSPHRASE_LENGTH) {
    return `A new encrypted secrets file needs a passphrase of at least ${MIN_NEW_PASSPHRASE_LENGTH} characters`;
  }
  return undefined;
}

export function checkNewPassphrase(passphrase: string): string {
  const problem = newPassphraseProblem(passphrase);
  if (problem !== undefined)
    throw new KeychainError('NO_PASSPHRASE', `${problem}; nothing was stored`);
  return passphrase;
}
