import { isAppError, type ErrorCode } from '../core/errors/index.js';

/** Documented exit codes (README): scripts branch on these. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  network: 4,
  keychain: 5,
  storage: 6,
} as const;

const BY_CODE: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: EXIT.usage,
  AUTH_FAILED: EXIT.auth,
  MFA_REQUIRED: EXIT.auth,
  ACCOUNT_LOCKED: EXIT.auth,
  FORBIDDEN: EXIT.auth,
  NOT_SIGNED_IN: EXIT.auth,
  TOKEN_EXPIRED: EXIT.auth,
  TOKEN_REVOKED: EXIT.auth,
  SIGN_IN_UNFINISHED: EXIT.auth,
  NETWORK: EXIT.network,
  TIMEOUT: EXIT.network,
  CANCELLED: EXIT.network,
  TLS: EXIT.network,
  NOT_THOUGHTSPOT: EXIT.network,
  SERVER_ERROR: EXIT.network,
  UNEXPECTED_RESPONSE: EXIT.network,
  KEYCHAIN_UNAVAILABLE: EXIT.keychain,
  STORAGE_FAILED: EXIT.storage,
};

export function exitCodeFor(error: unknown): number {
  return isAppError(error) ? (BY_CODE[error.code] ?? EXIT.failure) : EXIT.failure;
}
