import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { InputError } from '../errors/index.js';
import { hasControlCharacters } from '../text-checks.js';
import type { Org } from '../thoughtspot/types.js';
import { normalizeClusterUrl } from './cluster-url.js';
import {
  AUTH_METHODS,
  DEFAULT_VALIDITY_SECONDS,
  signsInThroughBrowser,
  type AuthMethod,
  type Profile,
  type ProfileInput,
} from './profile.js';
import { MAX_VALIDITY_SECONDS, MIN_VALIDITY_SECONDS } from './settings-schema.js';

const MAX_NAME = 64;
const MAX_USERNAME = 256;

function checkText(label: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || !value.trim()) throw new InputError(`${label} is empty`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw new InputError(`${label} is longer than ${max} characters`);
  if (hasControlCharacters(trimmed))
    throw new InputError(`${label} contains line breaks or control characters`);
  return trimmed;
}

export function checkName(name: unknown, others: readonly Profile[], selfId?: string): string {
  const checked = checkText('The profile name', name, MAX_NAME);
  const clash = others.find(
    (p) => p.id !== selfId && p.name.toLowerCase() === checked.toLowerCase(),
  );
  if (clash)
    throw new InputError(`A profile named "${clash.name}" already exists; choose another name`);
  return checked;
}

/** Reads a CA file now, so a typo is reported when the profile is saved, not at sign-in. */
export function checkCaFile(path: unknown): string {
  const file = checkText('The CA file path', path, 4096);
  if (!isAbsolute(file)) throw new InputError(`The CA file path must be absolute: ${file}`);
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? `The CA file ${file} does not exist`
        : `The CA file ${file} cannot be read (${code ?? 'error'})`,
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InputError(
      `The CA file ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
    );
  }
  return file;
}

function checkOrg(org: unknown): number {
  if (typeof org !== 'number' || !Number.isInteger(org) || org < 0 || org > 2 ** 31 - 1) {
    throw new InputError('The org must be a whole number, such as 0 for the primary org');
  }
  return org;
}

function checkValidity(seconds: unknown): number {
  if (
    typeof seconds !== 'number' ||
    !Number.isInteger(seconds) ||
    seconds < MIN_VALIDITY_SECONDS ||
    seconds > MAX_VALIDITY_SECONDS
  ) {
    throw new InputError(
      `Token validity must be a whole number of seconds from ${MIN_VALIDITY_SECONDS} to ${MAX_VALIDITY_SECONDS}`,
    );
  }
  return seconds;
}

/** The org must be one the user has at that cluster, when the cluster has told us which. */
export function checkKnownOrg(
  org: number | undefined,
  known: readonly Org[] | undefined,
  username: string,
): void {
  if (org === undefined || !known || known.length === 0) return;
  if (known.some((o) => o.id === org)) return;
  const list = known.map((o) => (o.name ? `${o.id} "${o.name}"` : String(o.id))).join(', ');
  throw new InputError(`Org ${org} is not one of ${username}'s orgs on this cluster (${list})`);
}

/** A browser sign-in learns the username from the cluster, so there it may be left empty. */
function checkUsername(username: string, auth: AuthMethod): string {
  if (signsInThroughBrowser(auth) && !username.trim()) return '';
  return checkText('The username', username, MAX_USERNAME);
}

/**
 * Builds a complete, valid profile from what a person entered, over `base` when editing. Every
 * message names the field and what to do.
 */
export function buildProfile(
  input: ProfileInput,
  others: readonly Profile[],
  base: { id: string; createdAt: number } & Partial<Profile>,
): Profile {
  const auth = input.auth ?? base.auth ?? 'password';
  if (!AUTH_METHODS.includes(auth)) {
    throw new InputError(`The sign-in method must be one of ${AUTH_METHODS.join(', ')}`);
  }
  const dialect = input.dialect ?? base.dialect ?? 'auto';
  if (!['auto', 'A', 'B', 'C', 'V1'].includes(dialect)) {
    throw new InputError('The dialect must be auto, A, B, C or V1');
  }
  if (auth === 'secret-key' && dialect === 'A') {
    throw new InputError(
      'Dialect A has no trusted authentication; choose B, C or auto for a secret key',
    );
  }
  const url = normalizeClusterUrl(
    checkText('The cluster URL', input.url, 2048),
    input.assumeHttps ? { assumeHttps: true } : {},
  );
  const org = input.org === null ? undefined : (input.org ?? base.org);
  const caFile = input.tls?.caFile ?? base.tls?.caFile;
  const profile: Profile = {
    id: base.id,
    name: checkName(input.name, others, base.id),
    url,
    username: checkUsername(input.username, auth),
    auth,
    dialect,
    tls: {
      insecure: input.tls?.insecure ?? base.tls?.insecure ?? false,
      ...(caFile ? { caFile: checkCaFile(caFile) } : {}),
    },
    validitySeconds: checkValidity(
      input.validitySeconds ?? base.validitySeconds ?? DEFAULT_VALIDITY_SECONDS,
    ),
    autoRenew: input.autoRenew ?? base.autoRenew ?? true,
    createdAt: base.createdAt,
  };
  if (org !== undefined) profile.org = checkOrg(org);
  // A detected dialect belongs to a URL: keep it only while the URL stays the same.
  if (base.detectedDialect && base.url === url) profile.detectedDialect = base.detectedDialect;
  if (base.lastUsedAt !== undefined) profile.lastUsedAt = base.lastUsedAt;
  return profile;
}
