import { isAppError } from '../core/errors/index.js';
import { PRODUCT_VERSION } from '../core/product.js';
import { Context } from './context.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import type { CliIo } from './io.js';
import { UsageError } from './usage-error.js';

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
};

export const HELP = `tsm — ThoughtSpot sessions from the terminal

Usage: tsm COMMAND [options]

Profiles
  profile add NAME --url URL --user USER [--auth password|secret-key|token] [--org ID]
          [--dialect auto|A|B|C] [--ca-file PEM] [--insecure] [--validity S] [--auto-renew|--no-auto-renew]
  profile list [--json] | show NAME | remove NAME | default NAME | export FILE | import FILE

Sessions (-p NAME picks a profile; the default profile otherwise)
  login     sign in (cookie session; a token for secret-key and token profiles)
            secrets from a prompt, or --password-stdin / --secret-key-stdin / --token-stdin
  token     print a token valid for at least --min-ttl S (default 60), renewing if allowed
  info      who you are signed in as         validate  ask the cluster whether the session lives
  logout    sign out and forget the secrets  revoke    revoke the token at the cluster
  exec -- CMD ARGS...   run CMD with TS_URL and TS_TOKEN set; exits with CMD's code
  doctor    check keychain, cluster, dialect, TLS and clock
  log       the audit log (newest first)

Options: --json (stable output for scripts), --verbose (the server's details on errors), -h/--help
Exit codes: 0 ok, 1 unexpected, 2 usage, 3 auth, 4 network/TLS/server, 5 keychain, 6 settings file
Environment: TSM_CONFIG_DIR, TSM_KEYCHAIN_SERVICE, TSM_SECRET_STORE=encrypted-file (+ TSM_SECRETS_PASSPHRASE)
`;

/**
 * Runs one command line and returns its exit code. Everything it reads or writes goes through
 * `io`, so importing this module does nothing and tests can call it directly.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const flags = { json: args.includes('--json'), verbose: args.includes('--verbose') };
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(HELP);
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === '--version') {
      io.stdout.write(`${PRODUCT_VERSION}\n`);
      return EXIT.ok;
    }
    const load = COMMANDS[name];
    if (!load) throw new UsageError(`Unknown command "${name.slice(0, 40)}"`);
    const command = await load();
    return (await command.run(args, new Context(io, flags))) ?? EXIT.ok;
  } catch (error) {
    report(error, flags, io);
    return exitCodeFor(error);
  }
}

/** One clear line on stderr; --verbose adds the server's details; --json adds a JSON error document. */
function report(error: unknown, flags: { json: boolean; verbose: boolean }, io: CliIo): void {
  if (!isAppError(error)) {
    io.stderr.write(
      `tsm: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return;
  }
  io.stderr.write(`tsm: ${error.message}\n`);
  if (flags.verbose && Object.keys(error.details).length > 0) {
    for (const [key, value] of Object.entries(error.details))
      io.stderr.write(`  ${key}: ${String(value)}\n`);
  }
  if (flags.json) {
    io.stdout.write(
      `${JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } })}\n`,
    );
  }
}
