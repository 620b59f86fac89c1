import type { AuditAction, AuditLog } from '../audit/audit-log.js';
import type { Profile } from '../profiles/index.js';

/** Writes one audit line about a profile's session; never throws. */
export type SessionLog = (
  profile: Profile,
  action: AuditAction,
  extra: Partial<Record<'fingerprint' | 'kind' | 'code' | 'message' | 'operation', string>>,
) => void;

export function sessionLog(audit: AuditLog): SessionLog {
  return (profile, action, extra) => {
    try {
      audit.append({
        action,
        profileId: profile.id,
        profile: profile.name,
        ...(extra as object),
      });
    } catch {
      // The audit log must never stop a sign-in; a full disk shows up elsewhere.
    }
  };
}
