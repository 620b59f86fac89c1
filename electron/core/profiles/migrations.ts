import { SETTINGS_VERSION } from './settings-schema.js';

type Raw = Record<string, unknown>;

/**
 * Steps from each older settings format to the next. Format 0 is what pre-release builds wrote:
 * profiles as an object keyed by id, and the default under `default`.
 */
const STEPS: Record<number, (raw: Raw) => Raw> = {
  0: (raw) => {
    const profiles = raw.profiles;
    const list =
      profiles && typeof profiles === 'object' && !Array.isArray(profiles)
        ? Object.entries(profiles as Record<string, unknown>).map(([id, value]) =>
            value && typeof value === 'object' ? { id, ...(value as Raw) } : value,
          )
        : profiles;
    const { default: defaultId, ...rest } = raw;
    return { ...rest, version: 1, profiles: list, defaultProfileId: defaultId ?? null };
  },
};

export class NewerSettingsError extends Error {
  constructor(readonly found: number) {
    super(`settings format ${found} is newer than ${SETTINGS_VERSION}`);
  }
}

/** Brings a parsed settings object up to the current format; says whether anything changed. */
export function migrate(raw: Raw): { data: Raw; migrated: boolean } {
  let data = raw;
  let version = typeof data.version === 'number' ? data.version : 0;
  if (version > SETTINGS_VERSION) throw new NewerSettingsError(version);
  const migrated = version < SETTINGS_VERSION;
  while (version < SETTINGS_VERSION) {
    const step = STEPS[version];
    if (!step) throw new Error(`no migration from settings format ${version}`);
    data = step(data);
    version = typeof data.version === 'number' ? data.version : version + 1;
  }
  return { data, migrated };
}
