import { AppError, type ErrorDetails } from './app-error.js';

/** A settings or log file could not be written (read-only directory, full disk); nothing changed. */
export class StorageError extends AppError {
  override readonly name = 'StorageError';
  declare readonly code: 'STORAGE_FAILED';

  constructor(message: string, details: ErrorDetails = {}) {
    super('STORAGE_FAILED', message, details);
  }
}
