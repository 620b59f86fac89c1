import { parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';
import { readSecretFromStdin } from '../secret-input.js';
import { UsageError } from '../usage-error.js';

const FLAGS = { user: { type: 'string' }, 'token-stdin': { type: 'boolean' } } as const;

/**
 * Revokes the profile's token at the cluster, so no copy of it works anywhere; with --user, every
 * token of that user (or the one on stdin), as an admin with the profile's own session.
 */
export async function run(args: string[], context: Context): Promise<number> {
  const { values } = parse(args, FLAGS, false);
  const profile = await context.profile(stringFlag(values, 'profile'));
  const user = stringFlag(values, 'user');
  if (user === undefined && values['token-stdin'])
    throw new UsageError('--token-stdin names a token of --user USER');
  if (user !== undefined) return revokeForUser(profile.name, profile.id, user, values, context);
  const manager = await context.manager();
  await manager.revoke(profile.id);
  if (values.json) {
    context.out.json({ profile: profile.name, revoked: true });
    return 0;
  }
  context.out.line(`Revoked the token of "${profile.name}"`);
  return 0;
}

async function revokeForUser(
  profileName: string,
  profileId: string,
  user: string,
  values: Record<string, unknown>,
  context: Context,
): Promise<number> {
  // The token to revoke is still alive until then: it comes on stdin, never on argv.
  const token = values['token-stdin']
    ? (await readSecretFromStdin(context.io.stdin, 'token')).trim()
    : undefined;
  const { tokensForUsers } = await import('./token-for-user.js');
  await (
    await tokensForUsers(context)
  ).revoke(profileId, {
    user,
    ...(token !== undefined ? { token } : {}),
  });
  if (values.json) {
    context.out.json({ profile: profileName, user, revoked: token === undefined ? 'all' : 'one' });
    return 0;
  }
  context.out.line(
    token === undefined
      ? `Revoked every token of ${user} (as "${profileName}")`
      : `Revoked that token of ${user} (as "${profileName}")`,
  );
  return 0;
}
