import { spawn } from 'node:child_process';
import { parse } from '../args.js';
import type { Context } from '../context.js';
import { UsageError } from '../usage-error.js';

/**
 * Runs a command with TS_URL and TS_TOKEN in its environment (never on its argv), and exits
 * with its exit code.
 */
export async function run(args: string[], context: Context): Promise<number> {
  const split = args.indexOf('--');
  if (split < 0 || split === args.length - 1)
    throw new UsageError('exec needs a command after --, e.g. tsm exec -- ./report.sh');
  const { values, positionals } = parse(args.slice(0, split), { 'min-ttl': { type: 'string' } });
  if (positionals.length > 0) throw new UsageError('Put the command after --');
  const [command, ...commandArgs] = args.slice(split + 1) as [string, ...string[]];
  const { profile, token } = await context.token(values);
  return new Promise<number>((resolve) => {
    const child = spawn(command, commandArgs, {
      stdio: 'inherit',
      env: { ...context.env, TS_URL: profile.url, TS_TOKEN: token.token },
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      process.stderr.write(
        `tsm: cannot run ${command}: ${error.code === 'ENOENT' ? 'command not found' : error.message}\n`,
      );
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + signalNumber(signal) : 1)));
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 }[signal as string] ?? 0;
}
