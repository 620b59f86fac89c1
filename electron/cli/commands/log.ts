import type { AuditSource } from '../../core/audit/audit-log.js';
import { intFlag, parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';
import { table } from '../output.js';

/** Who did it, named as the window's Activity names it. */
const SOURCES: Record<AuditSource, string> = { window: 'Window', tray: 'Tray', cli: 'tsm' };
/** Lines written before sources were recorded say so rather than leave a gap in the column. */
const NO_SOURCE = '—';

/** The audit log, newest first; -p filters by profile, -n limits. */
export async function run(args: string[], context: Context): Promise<number> {
  const { values } = parse(args, { n: { type: 'string', short: 'n' } }, false);
  const name = stringFlag(values, 'profile');
  const profileId = name !== undefined ? (await context.profiles()).get(name).id : undefined;
  const limit = intFlag(values, 'n') ?? 50;
  const entries = (await context.audit()).read({ ...(profileId ? { profileId } : {}), limit });
  if (values.json) {
    context.out.json(entries);
    return 0;
  }
  if (entries.length === 0) {
    context.out.line('The audit log is empty');
    return 0;
  }
  const rows = table([
    ['TIME', 'SOURCE', 'PROFILE', 'ACTION', 'TOKEN', 'DETAIL'],
    ...entries.map((e) => [
      e.at,
      e.source ? SOURCES[e.source] : NO_SOURCE,
      e.profile,
      e.action,
      e.fingerprint ?? '',
      e.code ? `${e.code}: ${e.message ?? ''}` : (e.message ?? e.kind ?? ''),
    ]),
  ]);
  for (const row of rows) context.out.line(row);
  return 0;
}
