import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { AUTH_METHODS, type Profile } from './profile.js';

/** The settings file's format. Bump it with a migration in migrations.ts. */
export const SETTINGS_VERSION = 1;

const int = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const dialect = v.picklist(['A', 'B', 'C', 'V1'] as const);

export const MIN_VALIDITY_SECONDS = 60;
export const MAX_VALIDITY_SECONDS = 365 * 24 * 3600;

/** One stored profile, as the file must hold it. */
export const storedProfile = v.object({
  id: text(64),
  name: text(64),
  url: text(2048),
  // Empty only for a browser sign-in profile whose user the cluster has not named yet.
  username: v.pipe(v.string(), v.maxLength(256)),
  auth: v.picklist(AUTH_METHODS),
  org: v.optional(int(0, 2 ** 31 - 1)),
  dialect: v.picklist(['auto', 'A', 'B', 'C', 'V1'] as const),
  detectedDialect: v.optional(dialect),
  tls: v.object({ caFile: v.optional(text(4096)), insecure: v.boolean() }),
  validitySeconds: int(MIN_VALIDITY_SECONDS, MAX_VALIDITY_SECONDS),
  autoRenew: v.boolean(),
  createdAt: int(0, Number.MAX_SAFE_INTEGER),
  lastUsedAt: v.optional(int(0, Number.MAX_SAFE_INTEGER)),
});

export const settingsShape = v.object({
  version: v.literal(SETTINGS_VERSION),
  profiles: v.array(storedProfile),
  defaultProfileId: v.nullable(text(64)),
});

/** Valibot types absent optional fields as `T | undefined`; parsed output never holds undefined. */
export interface SettingsData {
  version: typeof SETTINGS_VERSION;
  profiles: Profile[];
  defaultProfileId: string | null;
}

export function emptySettings(): SettingsData {
  return { version: SETTINGS_VERSION, profiles: [], defaultProfileId: null };
}

/**
 * The same shape as JSON Schema, per top-level key, for conf / electron-store: they refuse to
 * write a file that breaks it.
 */
export function settingsJsonSchema(): Record<string, object> {
  const schema = toJsonSchema(settingsShape, { errorMode: 'ignore' }) as {
    properties: Record<string, object>;
  };
  return schema.properties;
}
