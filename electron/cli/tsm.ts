import { isAppError } from '../core/errors/index.js';
import { PRODUCT_VERSION } from '../core/product.js';
import { ownArgs, shown } from './args.js';
import { Context } from './context.js';
import { messageFor } from './error-hint.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import type { CliIo } from './io.js';
import { jsonText, outputTo } from './output.js';
import { ArgumentError, UsageError } from './usage-error.js';

export interface Command {
  run(args: string[], context: Context): Promise<number | void>;
}

/** Each command is loaded only when used, so a script's `tsm token` loads the least it can. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  profile: () => import('./commands/profile.js'),
  login: () => import('./commands/login.js'),
  token: () => import('./commands/token.js'),
  info: () => import('./commands/info.js'),
  validate: () => import('./commands/validate.js'),
  logout: () => import('./commands/logout.js'),
  revoke: () => import('./commands/revoke.js'),
  exec: () => import('./commands/exec.js'),
  doctor: () => import('./commands/doctor.js'),
  log: () => import('./commands/log.js'),
  status: () => import('./commands/status.js'),
  org: () => import('./commands/org.js'),
  completion: () => import('./commands/completion.js'),
};

/**
 * Runs one command line and returns its exit code. Everything it reads or writes goes through
 * `io`, so importing this module does nothing and tests can call it directly.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  // Only what comes before `--` is tsm's: `tsm exec -- jq --json` hands --json to the child.
  const own = ownArgs(args);
  const flags = { json: own.includes('--json'), verbose: own.includes('--verbose') };
  let context: Context | undefined;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      return await help(args[0], io, name === undefined ? EXIT.usage : EXIT.ok);
    }
    if (name === '--version') {
      io.stdout.write(`${PRODUCT_VERSION}\n`);
      return EXIT.ok;
    }
    const load = COMMANDS[name];
    if (!load) throw new UsageError(`Unknown command ${JSON.stringify(shown(name))}`);
    // Help anywhere among tsm's own arguments is only help: nothing is signed out or deleted.
    if (own.includes('--help') || own.includes('-h')) return await help(name, io, EXIT.ok);
    const command = await load();
    context = new Context(io, flags);
    try {
      return (await command.run(args, context)) ?? EXIT.ok;
    } catch (error) {
      if (!(error instanceof ArgumentError)) throw error;
      const sub =
        (name === 'profile' || name === 'org') && args[0] !== undefined && /^[a-z]+$/.test(args[0]);
      throw error.forCommand(sub ? `${name} ${args[0] ?? ''}` : name);
    }
  } catch (error) {
    report(error, flags, io, context?.profileName);
    return exitCodeFor(error);
  }
}

/** `tsm --help`, `tsm help token`, `tsm token --help`: the page, and nothing else. */
async function help(command: string | undefined, io: CliIo, code: number): Promise<number> {
  const { HELP, commandHelp, hasCommandHelp } = await import('./help.js');
  if (command === undefined) {
    io.stdout.write(HELP);
    return code;
  }
  if (!hasCommandHelp(command)) {
    throw new UsageError(`There is no command ${JSON.stringify(shown(command))}`);
  }
  io.stdout.write(commandHelp(command));
  return EXIT.ok;
}

/** One clear line on stderr; --verbose adds the server's details; --json adds a JSON error document. */
function report(
  error: unknown,
  flags: { json: boolean; verbose: boolean },
  io: CliIo,
  profileName: string | undefined,
): void {
  const out = outputTo(io);
  if (!isAppError(error)) {
    out.note(`tsm: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const message = messageFor(error, profileName);
  out.note(`tsm: ${message}`);
  if (flags.verbose && Object.keys(error.details).length > 0) {
    for (const [key, value] of Object.entries(error.details))
      out.note(`  ${key}: ${String(value)}`);
  }
  if (flags.json) {
    io.stdout.write(
      `${jsonText({ error: { code: error.code, message, details: error.details } }, 0)}\n`,
    );
  }
}
