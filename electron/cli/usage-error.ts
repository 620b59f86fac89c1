import { InputError } from '../core/errors/index.js';

/** A command line that cannot be run as typed; exits 2 with the message and a pointer to --help. */
export class UsageError extends InputError {
  constructor(message: string) {
    super(`${message} (see tsm --help)`);
  }
}
