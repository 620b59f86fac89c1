import { parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';
import { relativeTime } from '../output.js';

/** Who the session belongs to, as the cluster sees it now. */
export async function run(args: string[], context: Context): Promise<number> {
  const { values } = parse(args, {}, false);
  const profile = await context.profile(stringFlag(values, 'profile'));
  const manager = await context.manager();
  await manager.restore(profile.id);
  const info = await manager.info(profile.id);
  if (values.json) {
    context.out.json({ profile: profile.name, ...info });
    return 0;
  }
  context.out.line(
    `${info.displayName ?? info.username} (${info.username})${info.email ? ` <${info.email}>` : ''}`,
  );
  context.out.line(`cluster: ${profile.url} (dialect ${info.dialect})`);
  if (info.currentOrg)
    context.out.line(
      `org: ${info.currentOrg.id}${info.currentOrg.name ? ` ${info.currentOrg.name}` : ''}`,
    );
  if (info.accountState) context.out.line(`account: ${info.accountState}`);
  context.out.line(`session: ${info.kind === 'cookie' ? 'cookie' : 'bearer token'}`);
  if (info.expiresAt !== undefined) {
    context.out.line(
      `expires: ${new Date(info.expiresAt).toISOString()} (${relativeTime(info.expiresAt, context.now())})`,
    );
  }
  if (info.privileges.length > 0) context.out.line(`privileges: ${info.privileges.join(', ')}`);
  return 0;
}
