import { secretsPlace } from '../../core/secrets/index.js';
import { parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';

/** Signs out at the cluster (cookie sessions) and forgets the profile's secrets here. */
export async function run(args: string[], context: Context): Promise<number> {
  const { values } = parse(args, {}, false);
  const profile = await context.profile(stringFlag(values, 'profile'));
  const manager = await context.manager();
  const place = secretsPlace((await context.secretStore()).kind);
  const { cluster } = await manager.signOut(profile.id);
  if (values.json) {
    context.out.json({ profile: profile.name, signedOut: true, cluster });
    return 0;
  }
  const where = {
    'signed-out': 'the cluster ended the session',
    'no-session': 'there was no cookie session to end at the cluster',
    unreachable: 'the cluster could not be reached; it ends the session on its own',
  }[cluster];
  context.out.line(
    `Signed out of "${profile.name}" (${where}); its secrets were removed from ${place}`,
  );
  return 0;
}
