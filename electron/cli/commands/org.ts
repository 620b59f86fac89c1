import type { Orgs } from '../../core/orgs/index.js';
import { parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';
import { relativeTime, table } from '../output.js';
import { UsageError } from '../usage-error.js';

const FORMS = 'tsm org list [-p NAME] [--json] | tsm org switch ORG [-p NAME] [--json]';

async function orgsService(context: Context): Promise<Orgs> {
  const { Orgs } = await import('../../core/orgs/index.js');
  return new Orgs({
    profiles: await context.profiles(),
    vault: await context.vault(),
    manager: await context.manager(),
    audit: await context.audit(),
    now: context.now,
  });
}

/** `tsm org list` (the current one marked) and `tsm org switch ORG` (a name or an id). */
export async function run(args: string[], context: Context): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(rest, context);
  if (sub === 'switch') return switchOrg(rest, context);
  throw new UsageError(
    sub === undefined
      ? `org needs list or switch: ${FORMS}`
      : `org has no ${JSON.stringify(sub.slice(0, 40))}: ${FORMS}`,
  );
}

async function list(args: string[], context: Context): Promise<number> {
  const { values, positionals } = parse(args, {});
  if (positionals.length > 0) throw new UsageError('org list takes no arguments; use -p NAME');
  const profile = await context.profile(stringFlag(values, 'profile'));
  const { current, orgs } = await (await orgsService(context)).list(profile.id);
  if (values.json) {
    context.out.json({ current, orgs });
    return 0;
  }
  const rows = orgs.map((org) => [org.id === current.id ? '*' : '', org.name, String(org.id)]);
  for (const line of table([['', 'ORG', 'ID'], ...rows])) context.out.line(line);
  return 0;
}

async function switchOrg(args: string[], context: Context): Promise<number> {
  const { values, positionals } = parse(args, {});
  const [org, ...extra] = positionals;
  if (org === undefined || extra.length > 0)
    throw new UsageError('org switch needs one org, by name or id: tsm org switch ORG [-p NAME]');
  const profile = await context.profile(stringFlag(values, 'profile'));
  const result = await (await orgsService(context)).switch(profile.id, org);
  if (values.json) {
    context.out.json({ profile: profile.name, ...result });
    return 0;
  }
  const where = `org ${result.org.name} (${result.org.id})`;
  if (!result.switched) {
    context.out.line(`"${profile.name}" is in ${where} already`);
    return 0;
  }
  const { status } = result;
  const kind =
    'kind' in status ? (status.kind === 'cookie' ? 'cookie session' : 'bearer token') : undefined;
  const expiresAt = 'expiresAt' in status ? status.expiresAt : undefined;
  const until =
    expiresAt !== undefined ? `, expires ${relativeTime(expiresAt, context.now())}` : '';
  context.out.line(`Switched "${profile.name}" to ${where}${kind ? ` (${kind}${until})` : ''}`);
  return 0;
}
