import { InputError } from '../../core/errors/index.js';
import { parse, stringFlag } from '../args.js';
import { shellWord } from '../error-hint.js';
import type { Context } from '../context.js';
import { tokenText } from '../token-output.js';
import { UsageError } from '../usage-error.js';

/** A REST API v1 profile has a cookie session and never a token: say so before asking anyone. */
async function refuseV1(context: Context, values: Record<string, unknown>): Promise<void> {
  const profile = await context.profile(stringFlag(values, 'profile'));
  const { effectiveDialect } = await import('../../core/profiles/index.js');
  if (effectiveDialect(profile) !== 'V1') return;
  throw new InputError(
    `"${profile.name}" speaks REST API v1, which issues no bearer tokens; run \`tsm exec -p ${shellWord(profile.name)} -- CMD\`, which sets TS_COOKIE`,
  );
}

/** Prints only the token on stdout, so `$(tsm token)` works; --json for the details. */
export async function run(args: string[], context: Context): Promise<number> {
  // A token for another user (--as USER) is its own module, loaded only then.
  if (args.some((arg) => arg === '--as' || arg.startsWith('--as=')))
    return (await import('./token-for-user.js')).run(args, context);
  const { values, positionals } = parse(args, { 'min-ttl': { type: 'string' } });
  if (positionals.length > 0)
    throw new UsageError('token takes no arguments; use -p NAME to pick a profile');
  await refuseV1(context, values);
  const { profile, token } = await context.token(values);
  context.io.stdout.write(tokenText(profile.name, token, context.now(), values.json === true));
  return 0;
}
