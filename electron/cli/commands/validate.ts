import { parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';
import { relativeTime } from '../output.js';

/** Asks the cluster whether the stored session still lives: exit 0 if it does, 3 if not. */
export async function run(args: string[], context: Context): Promise<number> {
  const { values } = parse(args, {}, false);
  const profile = await context.profile(stringFlag(values, 'profile'));
  const manager = await context.manager();
  const status = await manager.validate(profile.id);
  if (values.json) {
    context.out.json({ profile: profile.name, status });
    return 0;
  }
  const until =
    'expiresAt' in status && status.expiresAt !== undefined
      ? `, expires ${relativeTime(status.expiresAt, context.now())}`
      : '';
  context.out.line(`"${profile.name}": ${status.state}${until}`);
  return 0;
}
