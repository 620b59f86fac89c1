import { spawn, type ChildProcess } from 'node:child_process';
import { parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';

/**
 * Runs a command with TS_URL, and TS_TOKEN and/or TS_COOKIE, in its environment (never on its
 * argv), and exits with its exit code.
 */
export async function run(args: string[], context: Context): Promise<number> {
  const split = args.indexOf('--');
  if (split < 0 || split === args.length - 1)
    throw new UsageError('exec needs a command after --, e.g. tsm exec -- ./report.sh');
  const { values, positionals } = parse(args.slice(0, split), { 'min-ttl': { type: 'string' } });
  if (positionals.length > 0) throw new UsageError('Put the command after --');
  const [command, ...commandArgs] = args.slice(split + 1) as [string, ...string[]];
  const { url, session } = await scriptSession(context, values);
  const { io } = context;
  return new Promise<number>((resolve) => {
    let settled = false;
    const settle = (code: number): void => {
      if (!settled) resolve(code);
      settled = true;
    };
    const child = spawn(command, commandArgs, {
      stdio: io.childStdio,
      env: { ...childEnv(context.env), TS_URL: url, ...session },
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      context.out.note(
        `tsm: cannot run ${command}: ${error.code === 'ENOENT' ? 'command not found' : error.message}`,
      );
      settle(127);
    });
    // Piped, the child's output is complete only once its streams close, after it exits.
    const ended = io.childStdio === 'pipe' ? connect(child, io) : 'exit';
    child.on(ended, (code: number | null, signal: NodeJS.Signals | null) =>
      settle(code ?? (signal ? 128 + signalNumber(signal) : 1)),
    );
  });
}

/**
 * What the child authenticates with: the profile's token (renewed as `tsm token` would), and the
 * `Cookie` header of its cookie session when it has one. A REST API v1 profile has only the
 * cookie: v1 issues no bearer tokens.
 */
async function scriptSession(
  context: Context,
  values: Record<string, unknown>,
): Promise<{ url: string; session: { TS_TOKEN?: string; TS_COOKIE?: string } }> {
  const profile = await context.profile(stringFlag(values, 'profile'));
  const { effectiveDialect } = await import('../../core/profiles/index.js');
  const v1 = effectiveDialect(profile) === 'V1';
  if (v1 && values['min-ttl'] !== undefined) {
    throw new UsageError(
      '--min-ttl is about a token, and REST API v1 issues none: its cookie session lasts as long as the cluster keeps it',
    );
  }
  const token = v1 ? undefined : (await context.token(values)).token.token;
  const stored = await (await context.vault()).getCookies(profile);
  const { cookieHeader } = await import('../../core/thoughtspot/index.js');
  const cookie = stored === undefined ? '' : cookieHeader(stored, profile.url);
  if (v1 && cookie === '') {
    const { AuthError } = await import('../../core/errors/index.js');
    throw new AuthError('NOT_SIGNED_IN', `"${profile.name}" is not signed in; sign in first`);
  }
  return {
    url: profile.url,
    session: {
      ...(token !== undefined ? { TS_TOKEN: token } : {}),
      ...(cookie !== '' ? { TS_COOKIE: cookie } : {}),
    },
  };
}

/**
 * tsm's own settings stay with tsm: TSM_SECRETS_PASSPHRASE opens every stored secret, so every
 * TSM_* variable is left out; and the child gets this profile's session only, not a TS_TOKEN or
 * TS_COOKIE tsm itself was started with.
 */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([name]) => !/^TSM_/i.test(name) && !/^TS_(TOKEN|COOKIE)$/i.test(name),
    ),
  );
}

/** Carries a piped child's stdio through the injected streams. */
function connect(child: ChildProcess, io: CliIo): 'close' {
  child.stdout?.setEncoding('utf8').on('data', (text: string) => io.stdout.write(text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => io.stderr.write(text));
  const { stdin } = child;
  if (stdin) {
    // A child that exits without reading its input is not an error of ours.
    stdin.on('error', () => undefined);
    io.stdin.pipe(stdin);
    child.once('close', () => io.stdin.unpipe(stdin));
  }
  return 'close';
}

function signalNumber(signal: NodeJS.Signals): number {
  return { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 }[signal as string] ?? 0;
}
