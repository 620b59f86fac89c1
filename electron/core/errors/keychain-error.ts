import { AppError, type ErrorDetails } from './app-error.js';

/** Why the secrets could not be reached; each has its own message and remedy. */
export type KeychainProblem =
  | 'NO_DBUS'
  | 'NO_SECRET_SERVICE'
  | 'LOCKED'
  | 'REFUSED'
  | 'NATIVE_MODULE'
  | 'WRONG_PASSPHRASE'
  | 'NO_PASSPHRASE'
  | 'CORRUPT'
  | 'WRITE_FAILED'
  | 'UNKNOWN';

/** The keychain (or the encrypted fallback file) cannot be used right now. Nothing was stored. */
export class KeychainError extends AppError {
  override readonly name = 'KeychainError';
  declare readonly code: 'KEYCHAIN_UNAVAILABLE';
  readonly problem: KeychainProblem;

  constructor(problem: KeychainProblem, message: string, details: ErrorDetails = {}) {
    super('KEYCHAIN_UNAVAILABLE', message, { ...details, cause: problem });
    this.problem = problem;
  }
}
