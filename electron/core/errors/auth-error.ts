import { AppError, type ErrorDetails } from './app-error.js';

export type AuthErrorCode =
  | 'AUTH_FAILED'
  | 'MFA_REQUIRED'
  | 'ACCOUNT_LOCKED'
  | 'FORBIDDEN'
  | 'NOT_SIGNED_IN'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_REVOKED';

/** The cluster understood us and said no: wrong credentials, MFA, locked, forbidden, dead token. */
export class AuthError extends AppError {
  override readonly name = 'AuthError';
  declare readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
}
