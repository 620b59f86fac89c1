import type { Profile } from '../profiles/index.js';

const byName = (a: Profile, b: Profile): number =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }) ||
  a.id.localeCompare(b.id);

/**
 * The order the tray lists profiles in: the default first, then the most recently used (latest
 * first), then the never-used ones by name.
 */
export function trayOrder(profiles: readonly Profile[], defaultProfileId?: string): Profile[] {
  const rest = profiles.filter((p) => p.id !== defaultProfileId);
  const used = rest
    .filter((p) => p.lastUsedAt !== undefined)
    .sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0) || byName(a, b));
  const unused = rest.filter((p) => p.lastUsedAt === undefined).sort(byName);
  const first = profiles.find((p) => p.id === defaultProfileId);
  return [...(first ? [first] : []), ...used, ...unused];
}
