import { parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';

/** Revokes the profile's token at the cluster, so no copy of it works anywhere. */
export async function run(args: string[], context: Context): Promise<number> {
  const { values } = parse(args, {}, false);
  const profile = await context.profile(stringFlag(values, 'profile'));
  const manager = await context.manager();
  await manager.revoke(profile.id);
  if (values.json) {
    context.out.json({ profile: profile.name, revoked: true });
    return 0;
  }
  context.out.line(`Revoked the token of "${profile.name}"`);
  return 0;
}
