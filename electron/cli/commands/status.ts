import { isAppError } from '../../core/errors/index.js';
import { effectiveDialect, type Profile } from '../../core/profiles/index.js';
import type { SessionStatus } from '../../core/session/session-state.js';
import { formatTimeLeft } from '../../core/tray/time-left.js';
import { parse } from '../args.js';
import type { Context } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { table } from '../output.js';
import { UsageError } from '../usage-error.js';

interface Row {
  profile: Profile;
  isDefault: boolean;
  status: SessionStatus;
  org: RowOrg | undefined;
}

/** The org the session's token was issued for (by name when known), else the profile's. */
interface RowOrg {
  id: number;
  name?: string;
}

const NOT_CHECKED =
  'Read from this computer only; not checked with the cluster (tsm validate asks it).';

/** A session this computer holds that its clock says is still alive. */
function isLive(status: SessionStatus): boolean {
  return status.state === 'signed-in' || status.state === 'expiring-soon';
}

function kindOf(status: SessionStatus): string | undefined {
  return 'kind' in status ? status.kind : undefined;
}

function expiresAtOf(status: SessionStatus): number | undefined {
  return 'expiresAt' in status ? status.expiresAt : undefined;
}

/**
 * The keychain's view of one profile. A damaged entry is that profile's problem and shown on its
 * row; a keychain that cannot be opened at all is everyone's, and thrown.
 */
async function statusOf(context: Context, profile: Profile): Promise<SessionStatus> {
  const manager = await context.manager();
  try {
    return await manager.restore(profile.id);
  } catch (error) {
    if (!isAppError(error) || error.code === 'KEYCHAIN_UNAVAILABLE') throw error;
    // A secret bound to another cluster or user was forgotten by the read: nothing to show.
    if (error.code === 'NOT_SIGNED_IN') return { state: 'signed-out' };
    return { state: 'error', code: error.code, message: error.message };
  }
}

/** A token carries the org it was issued for; a cookie session shows the profile's. */
async function orgOf(
  context: Context,
  profile: Profile,
  status: SessionStatus,
): Promise<RowOrg | undefined> {
  const fallback = profile.org === undefined ? undefined : { id: profile.org };
  if (kindOf(status) !== 'bearer') return fallback;
  const dialect = effectiveDialect(profile);
  const owner = dialect ? { dialect, username: profile.username } : undefined;
  const token = await (await context.vault()).getToken(profile, owner).catch(() => undefined);
  if (token?.orgId === undefined) return fallback;
  return { id: token.orgId, ...(token.orgName !== undefined ? { name: token.orgName } : {}) };
}

function sessionText(status: SessionStatus): string {
  switch (status.state) {
    case 'signed-in':
    case 'expiring-soon':
    case 'renewing':
      return status.kind === 'cookie' ? 'cookie session' : 'bearer token';
    case 'expired':
      return `${status.kind === 'cookie' ? 'cookie session' : 'bearer token'}, expired`;
    case 'error':
      return `error: ${status.message}`;
    default:
      return 'signed out';
  }
}

function timeLeftText(status: SessionStatus, now: number): string {
  const expiresAt = expiresAtOf(status);
  if (isLive(status))
    return expiresAt === undefined ? 'unknown' : formatTimeLeft(expiresAt - now, { padded: false });
  return '-';
}

function jsonRow(row: Row, now: number): Record<string, unknown> {
  const { profile, status } = row;
  const expiresAt = expiresAtOf(status);
  return {
    profile: profile.name,
    default: row.isDefault,
    url: profile.url,
    username: profile.username,
    state: status.state,
    live: isLive(status),
    ...(kindOf(status) ? { kind: kindOf(status) } : {}),
    ...(expiresAt !== undefined
      ? {
          expiresAt: new Date(expiresAt).toISOString(),
          expiresInSeconds: Math.max(0, Math.floor((expiresAt - now) / 1000)),
        }
      : {}),
    ...(row.org ? { org: row.org.id } : {}),
    ...(row.org?.name !== undefined ? { orgName: row.org.name } : {}),
    ...(status.state === 'error' ? { error: { code: status.code, message: status.message } } : {}),
  };
}

/**
 * Every profile's session as this computer holds it, like `gh auth status`: no network. Exit 0
 * when the default profile has a live session, 3 otherwise, so scripts can branch on it.
 */
export async function run(args: string[], context: Context): Promise<number> {
  const { values, positionals } = parse(args, {}, false);
  if (positionals.length > 0) throw new UsageError('status takes no arguments');
  if (values.profile !== undefined)
    throw new UsageError('status shows every profile; it takes no -p');
  const store = await context.profiles();
  const defaultId = store.defaultProfile()?.id;
  const rows: Row[] = [];
  for (const profile of store.list()) {
    const status = await statusOf(context, profile);
    const org = await orgOf(context, profile, status);
    rows.push({ profile, isDefault: profile.id === defaultId, status, org });
  }
  const now = context.now();
  const defaultRow = rows.find((row) => row.isDefault);
  const code = defaultRow && isLive(defaultRow.status) ? EXIT.ok : EXIT.auth;
  if (values.json) {
    context.out.json({
      checkedWithCluster: false,
      defaultProfile: defaultRow?.profile.name ?? null,
      profiles: rows.map((row) => jsonRow(row, now)),
    });
    return code;
  }
  if (rows.length === 0) {
    context.out.line('No profiles yet; add one with `tsm profile add`');
    return code;
  }
  for (const line of table([
    ['', 'PROFILE', 'SIGNED IN AS', 'SESSION', 'TIME LEFT', 'ORG', 'CLUSTER'],
    ...rows.map(({ profile, isDefault, status, org }) => [
      isDefault ? '*' : '',
      profile.name,
      isLive(status) || status.state === 'expired' ? profile.username : '-',
      sessionText(status),
      timeLeftText(status, now),
      org === undefined ? '-' : (org.name ?? String(org.id)),
      profile.url,
    ]),
  ]))
    context.out.line(line);
  context.out.note(NOT_CHECKED);
  return code;
}
