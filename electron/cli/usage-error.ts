import { InputError } from '../core/errors/index.js';

/** A command line that cannot be run as typed; exits 2 with the message and a pointer to --help. */
export class UsageError extends InputError {
  constructor(message: string) {
    super(`${message} (see tsm --help)`);
  }
}

/**
 * An option the command cannot take, said without the parser's own words. `main` knows the
 * command and finishes the sentence: `unknown option --colour for "token"; see tsm token --help`.
 */
export class ArgumentError extends InputError {
  constructor(readonly problem: string) {
    super(problem);
  }

  /** The whole line for `command` ("token", "profile add"); its help is `tsm <first word> --help`. */
  forCommand(command: string): InputError {
    const help = command.split(' ')[0] ?? command;
    return new InputError(`${this.problem} for "${command}"; see tsm ${help} --help`);
  }
}
