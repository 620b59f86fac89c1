import { AppError, type ErrorDetails } from './app-error.js';

export type NetworkErrorCode = 'NETWORK' | 'TIMEOUT' | 'CANCELLED' | 'TLS';

/** We could not have a conversation with the cluster at all: refused, DNS, reset, timeout, TLS. */
export class NetworkError extends AppError {
  override readonly name = 'NetworkError';
  declare readonly code: NetworkErrorCode;

  constructor(code: NetworkErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
}
