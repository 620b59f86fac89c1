/** A saved profile as the editor would send it back: for a change of one field, keeping the rest. */
import type { ProfileView, RequestOf } from './api.js';

export type ProfileInput = RequestOf<'profiles:save'>['input'];

export function profileInputOf(profile: ProfileView, change: Partial<ProfileInput>): ProfileInput {
  const tls = profile.tls.caFile === undefined ? { insecure: profile.tls.insecure } : profile.tls;
  return {
    name: profile.name,
    url: profile.url,
    username: profile.username,
    auth: profile.auth,
    dialect: profile.dialect,
    validitySeconds: profile.validitySeconds,
    autoRenew: profile.autoRenew,
    tls: { ...tls },
    ...(profile.org === undefined ? {} : { org: profile.org }),
    ...change,
  };
}

/** The token validity field's unit: minutes, or seconds for a lifetime that is not whole minutes. */
export type ValidityUnit = 'minutes' | 'seconds';

/** The limits core keeps (settings-schema.ts), for messages in the unit the field shows. */
const VALIDITY_LIMITS: Record<ValidityUnit, { min: number; max: number }> = {
  minutes: { min: 1, max: 525_600 },
  seconds: { min: 60, max: 31_536_000 },
};

/** A saved lifetime as the field shows it, exactly: 3600 s is "60" minutes, 90 s is "90" seconds. */
export function validityField(seconds: number): { value: string; unit: ValidityUnit } {
  return seconds % 60 === 0
    ? { value: String(seconds / 60), unit: 'minutes' }
    : { value: String(seconds), unit: 'seconds' };
}

/** The field's value in seconds, or a message in its own unit when it is not a valid lifetime. */
export function validitySeconds(
  value: string,
  unit: ValidityUnit,
): { ok: true; seconds: number } | { ok: false; message: string } {
  const { min, max } = VALIDITY_LIMITS[unit];
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    return { ok: false, message: `A whole number of ${unit} from ${min} to ${max}.` };
  return { ok: true, seconds: unit === 'minutes' ? n * 60 : n };
}

/** The editor's fields, in the order they appear (the first invalid one takes focus). */
export const EDITOR_FIELDS = ['name', 'url', 'username', 'org', 'validity'] as const;
export type EditorField = (typeof EDITOR_FIELDS)[number];

export interface EditorForm {
  name: string;
  url: string;
  /** What core said of the URL as typed, if it said anything yet. */
  urlProblem: string | undefined;
  username: string;
  usernameOptional: boolean;
  org: string;
  validity: { value: string; unit: ValidityUnit };
}

/**
 * What is wrong with each field before anything is sent, so every one is named at once. Core
 * checks again on save (a taken name, a CA file) and its answer shows under the form.
 */
export function editorErrors(form: EditorForm): Partial<Record<EditorField, string>> {
  const errors: Partial<Record<EditorField, string>> = {};
  if (!form.name.trim()) errors.name = 'Enter a name for the profile.';
  if (!form.url.trim()) errors.url = 'Enter the address you open ThoughtSpot at.';
  else if (form.urlProblem) errors.url = form.urlProblem;
  if (!form.usernameOptional && !form.username.trim()) errors.username = 'Enter your username.';
  if (form.org.trim() !== '' && !/^\d+$/.test(form.org.trim()))
    errors.org = 'A whole number, such as 0.';
  const validity = validitySeconds(form.validity.value, form.validity.unit);
  if (!validity.ok) errors.validity = validity.message;
  return errors;
}

/**
 * The name a new profile takes from its cluster until the person types one: the host's first
 * label (`acme` for acme.thoughtspot.cloud), or the whole host when it is an IP address.
 */
export function nameFromUrl(url: string): string {
  const typed = url.trim();
  if (!typed) return '';
  let host: string;
  try {
    host = new URL(typed.includes('://') ? typed : `https://${typed}`).hostname;
  } catch {
    return '';
  }
  if (/^[\d.]+$/.test(host) || host.startsWith('[')) return host;
  return host.split('.')[0] ?? '';
}
