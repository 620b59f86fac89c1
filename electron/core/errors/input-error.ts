import { AppError, type ErrorDetails } from './app-error.js';

/** What we were asked to do is malformed; nothing was sent or stored. */
export class InputError extends AppError {
  override readonly name = 'InputError';
  declare readonly code: 'INVALID_INPUT';

  constructor(message: string, details: ErrorDetails = {}) {
    super('INVALID_INPUT', message, details);
  }
}
