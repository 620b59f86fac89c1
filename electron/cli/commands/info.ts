import { parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';
import { printJson, printLine, relativeTime } from '../output.js';

/** Who the session belongs to, as the cluster sees it now. */
export async function run(args: string[], context: Context): Promise<number> {
  const { values } = parse(args, {}, false);
  const profile = await context.profile(stringFlag(values, 'profile'));
  const manager = await context.manager();
  await manager.restore(profile.id);
  const info = await manager.info(profile.id);
  if (values.json) {
    printJson({ profile: profile.name, ...info });
    return 0;
  }
  printLine(
    `${info.displayName ?? info.username} (${info.username})${info.email ? ` <${info.email}>` : ''}`,
  );
  printLine(`cluster: ${profile.url} (dialect ${info.dialect})`);
  if (info.currentOrg)
    printLine(
      `org: ${info.currentOrg.id}${info.currentOrg.name ? ` ${info.currentOrg.name}` : ''}`,
    );
  if (info.accountState) printLine(`account: ${info.accountState}`);
  printLine(`session: ${info.kind === 'cookie' ? 'cookie' : 'bearer token'}`);
  if (info.expiresAt !== undefined) {
    printLine(
      `expires: ${new Date(info.expiresAt).toISOString()} (${relativeTime(info.expiresAt, context.now())})`,
    );
  }
  if (info.privileges.length > 0) printLine(`privileges: ${info.privileges.join(', ')}`);
  return 0;
}
