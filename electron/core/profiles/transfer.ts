import * as v from 'valibot';
import { InputError } from '../errors/index.js';
import type { Profile, ProfileInput } from './profile.js';
import type { ProfileStore } from './profile-store.js';

const FORMAT = 'tsm-profiles';
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * A profile's settings as input again (export, duplicate): no id, no secret, nothing learned from
 * the server.
 */
export function profileInputOf(profile: Profile): ProfileInput {
  const out: ProfileInput = {
    name: profile.name,
    url: profile.url,
    username: profile.username,
    auth: profile.auth,
    dialect: profile.dialect,
    tls: { ...profile.tls },
    validitySeconds: profile.validitySeconds,
    autoRenew: profile.autoRenew,
  };
  if (profile.org !== undefined) out.org = profile.org;
  return out;
}

export function exportProfiles(profiles: readonly Profile[]): string {
  return `${JSON.stringify({ format: FORMAT, version: 1, profiles: profiles.map(profileInputOf) }, undefined, 2)}\n`;
}

export interface ImportReport {
  added: string[];
  skipped: { name: string; reason: string }[];
}

const SECRET_FIELDS = ['password', 'secretKey', 'secret_key', 'token', 'cookies'];

const entryShape = v.object({
  name: v.string(),
  url: v.string(),
  username: v.string(),
  auth: v.optional(v.picklist(['password', 'secret-key', 'token'] as const)),
  org: v.optional(v.number()),
  dialect: v.optional(v.picklist(['auto', 'A', 'B', 'C'] as const)),
  tls: v.optional(v.object({ caFile: v.optional(v.string()), insecure: v.optional(v.boolean()) })),
  validitySeconds: v.optional(v.number()),
  autoRenew: v.optional(v.boolean()),
});

function entryName(entry: unknown, index: number): string {
  const name = (entry as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, 64) : `entry ${index + 1}`;
}

/**
 * Imports profiles from an export file's text. Each entry is checked like a profile typed in by
 * hand; bad or clashing entries are skipped with the reason, and secrets are never imported.
 */
export async function importProfiles(text: string, store: ProfileStore): Promise<ImportReport> {
  if (text.length > MAX_IMPORT_BYTES) throw new InputError('The import file is larger than 5 MiB');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new InputError('The import file is not valid JSON');
  }
  const list = (doc as { format?: unknown; profiles?: unknown } | null)?.profiles;
  if ((doc as { format?: unknown } | null)?.format !== FORMAT || !Array.isArray(list)) {
    throw new InputError(
      `The import file is not a profile export (expected "format": "${FORMAT}" and a "profiles" list)`,
    );
  }
  const report: ImportReport = { added: [], skipped: [] };
  const inputs: ProfileInput[] = [];
  list.forEach((entry: unknown, index) => {
    const name = entryName(entry, index);
    if (entry && typeof entry === 'object' && SECRET_FIELDS.some((field) => field in entry)) {
      report.skipped.push({
        name,
        reason: 'it contains a secret; profiles are imported without secrets only',
      });
      return;
    }
    const parsed = v.safeParse(entryShape, entry);
    if (!parsed.success) {
      const field = parsed.issues[0].path?.map((item) => String(item.key)).join('.') ?? 'entry';
      report.skipped.push({ name, reason: `"${field}" is missing or has the wrong type` });
      return;
    }
    inputs.push(parsed.output);
  });
  const added = await store.addAll(inputs, (input, error) =>
    report.skipped.push({ name: input.name, reason: error.message }),
  );
  report.added = added.map((p) => p.name);
  return report;
}
