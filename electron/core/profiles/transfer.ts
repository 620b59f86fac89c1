import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
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
  /** Said for each added profile that weakens TLS, as `profile add` says it. */
  warnings: string[];
}

/** What `profile add` warns about a profile's TLS settings, one line each. */
export function tlsWarnings(profile: Profile): string[] {
  const warnings: string[] = [];
  if (profile.tls.insecure) {
    warnings.push(
      `"${profile.name}" accepts any TLS certificate; anyone on the network can read its password`,
    );
  }
  if (profile.tls.caFile !== undefined) {
    warnings.push(`"${profile.name}" trusts the certificates in ${profile.tls.caFile}`);
  }
  return warnings;
}

/**
 * An import file's text, read safely: only a regular file (a FIFO or a device such as /dev/zero
 * is refused without waiting or reading), its size checked before a byte is read, and the read
 * itself bounded in case the file grows meanwhile.
 */
export async function readImportFile(path: string): Promise<string> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'I/O error';
    throw new InputError(`The import file ${path} cannot be read (${code})`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new InputError(`The import file ${path} is not a regular file`);
    if (stats.size > MAX_IMPORT_BYTES) throw new InputError('The import file is larger than 5 MiB');
    const buffer = Buffer.alloc(MAX_IMPORT_BYTES + 1);
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, size, buffer.length - size, size);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > MAX_IMPORT_BYTES) throw new InputError('The import file is larger than 5 MiB');
    }
    return buffer.subarray(0, size).toString('utf8');
  } finally {
    await handle.close();
  }
}

const SECRET_FIELDS = ['password', 'secretKey', 'secret_key', 'token', 'cookies'];

const entryShape = v.object({
  name: v.string(),
  url: v.string(),
  username: v.string(),
  auth: v.optional(v.picklist(['password', 'secret-key', 'token'] as const)),
  org: v.optional(v.number()),
  dialect: v.optional(v.picklist(['auto', 'A', 'B', 'C', 'V1'] as const)),
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
  const report: ImportReport = { added: [], skipped: [], warnings: [] };
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
  report.warnings = added.flatMap(tlsWarnings);
  return report;
}
