import { AppError, type ErrorDetails } from './app-error.js';

/**
 * How a browser sign-in ended without a session: the person closed the window, it took too long,
 * it was cancelled (Ctrl-C, Cancel, the profile changed), the browser went away, the cluster or the
 * identity provider answered with an error page, or there is no browser to open.
 */
export type BrowserSignInEnd =
  'closed' | 'timeout' | 'cancelled' | 'crashed' | 'refused' | 'no-browser';

/** A browser sign-in that ended before the cluster granted a session. Nothing was stored. */
export class BrowserSignInError extends AppError {
  override readonly name = 'BrowserSignInError';
  declare readonly code: 'SIGN_IN_UNFINISHED';
  readonly end: BrowserSignInEnd;

  constructor(end: BrowserSignInEnd, message: string, details: ErrorDetails = {}) {
    super('SIGN_IN_UNFINISHED', message, { ...details, cause: end });
    this.end = end;
  }
}
