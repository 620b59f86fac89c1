import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KeychainError } from '../core/errors/index.js';
import {
  MIN_NEW_PASSPHRASE_LENGTH,
  newPassphraseProblem,
  PASSPHRASE_ENV,
  SECRETS_FILE_NAME,
} from '../core/secrets/index.js';
import type { CliIo } from './io.js';
import { promptSecret } from './secret-input.js';

/**
 * The encrypted file's passphrase for the CLI: TSM_SECRETS_PASSPHRASE when it is set (even empty:
 * an unfilled CI secret is refused by the store, never turned into a question), else a question
 * at the terminal. The store checks the rules (never empty, 8+ for a new file); for a new file
 * the question states the rule and asks twice, so a typo does not lock the secrets away.
 */
export async function cliPassphrase(
  io: Pick<CliIo, 'stdin' | 'stderr' | 'env'>,
  configDir: string,
): Promise<string> {
  const fromEnv = io.env[PASSPHRASE_ENV];
  if (fromEnv !== undefined) return fromEnv;
  if (existsSync(join(configDir, SECRETS_FILE_NAME))) {
    return promptSecret(io, 'Passphrase for the encrypted secrets file: ');
  }
  const first = await promptSecret(
    io,
    `New passphrase for the encrypted secrets file (at least ${MIN_NEW_PASSPHRASE_LENGTH} characters): `,
  );
  // Said now rather than after a second question the answer could not pass anyway.
  if (newPassphraseProblem(first) !== undefined) return first;
  const again = await promptSecret(io, 'The same passphrase again: ');
  if (again !== first) {
    throw new KeychainError('NO_PASSPHRASE', 'The two passphrases differ; nothing was stored');
  }
  return first;
}
