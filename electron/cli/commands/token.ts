import { parse } from '../args.js';
import type { Context } from '../context.js';
import { UsageError } from '../usage-error.js';

/** Prints only the token on stdout, so `$(tsm token)` works; --json for the details. */
export async function run(args: string[], context: Context): Promise<number> {
  // A token for another user (--as USER) is its own module, loaded only then.
  if (args.some((arg) => arg === '--as' || arg.startsWith('--as=')))
    return (await import('./token-for-user.js')).run(args, context);
  const { values, positionals } = parse(args, { 'min-ttl': { type: 'string' } });
  if (positionals.length > 0)
    throw new UsageError('token takes no arguments; use -p NAME to pick a profile');
  const { profile, token } = await context.token(values);
  if (values.json) {
    context.out.json({
      profile: profile.name,
      token: token.token,
      expiresAt: new Date(token.expiresAt).toISOString(),
      expiresInSeconds: Math.max(0, Math.floor((token.expiresAt - context.now()) / 1000)),
      username: token.username,
      dialect: token.dialect,
    });
  } else {
    context.out.line(token.token);
  }
  return 0;
}
