import type { Profile } from '../profiles/index.js';
import type { AuditLog } from './audit-log.js';

/** The settings a person edits, in the words Activity and `tsm log` use for them. */
const FIELDS: [keyof Profile, string][] = [
  ['name', 'name'],
  ['url', 'cluster URL'],
  ['username', 'username'],
  ['auth', 'sign-in method'],
  ['org', 'org'],
  ['dialect', 'API dialect'],
  ['tls', 'TLS'],
  ['validitySeconds', 'token lifetime'],
  ['autoRenew', 'auto-renew'],
];

/** Which settings differ between two versions of a profile (facts learned, like last use, do not count). */
export function changedFields(before: Profile, after: Profile): string[] {
  return FIELDS.filter(([key]) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).map(
    ([, label]) => label,
  );
}

export type ProfileChange =
  | { type: 'added'; profile: Profile; from?: Profile }
  | { type: 'edited'; before: Profile; after: Profile }
  | { type: 'removed'; profile: Profile };

/**
 * One Activity line for a change to the profile list. Profiles hold no secrets, and only field
 * names are written, so nothing here can leak one. Never throws: a full disk must not undo a save.
 */
export function logProfileChange(audit: AuditLog, change: ProfileChange): void {
  const profile = change.type === 'edited' ? change.after : change.profile;
  let message: string | undefined;
  if (change.type === 'added' && change.from) message = `a copy of ${change.from.name}`;
  if (change.type === 'edited') {
    const fields = changedFields(change.before, change.after);
    // Nothing changed (a save of the same form): no line says otherwise.
    if (fields.length === 0) return;
    message = `changed ${fields.join(', ')}`;
    if (change.before.name !== change.after.name) message += ` (was ${change.before.name})`;
  }
  try {
    audit.append({
      action: `profile-${change.type}`,
      profileId: profile.id,
      profile: profile.name,
      ...(message ? { message } : {}),
    });
  } catch {
    // The change is saved; the log line is the part that could not be written.
  }
}
