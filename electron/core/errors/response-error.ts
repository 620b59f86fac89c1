import { AppError, type ErrorDetails } from './app-error.js';

export type ResponseErrorCode = 'SERVER_ERROR' | 'NOT_THOUGHTSPOT' | 'UNEXPECTED_RESPONSE';

/**
 * The cluster answered, but not with something we can use: a 5xx, an SSO/HTML page or a redirect
 * elsewhere, or JSON that is malformed, wrongly shaped or too large.
 */
export class ResponseError extends AppError {
  override readonly name = 'ResponseError';
  declare readonly code: ResponseErrorCode;

  constructor(code: ResponseErrorCode, message: string, details: ErrorDetails = {}) {
    super(code, message, details);
  }
}
