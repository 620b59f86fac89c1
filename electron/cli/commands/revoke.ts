import { parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';
import { printJson, printLine } from '../output.js';

/** Revokes the profile's token at the cluster, so no copy of it works anywhere. */
export async function run(args: string[], context: Context): Promise<number> {
  const { values } = parse(args, {}, false);
  const profile = await context.profile(stringFlag(values, 'profile'));
  const manager = await context.manager();
  await manager.revoke(profile.id);
  if (values.json) {
    printJson({ profile: profile.name, revoked: true });
    return 0;
  }
  printLine(`Revoked the token of "${profile.name}"`);
  return 0;
}
