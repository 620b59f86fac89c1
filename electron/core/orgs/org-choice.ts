import * as v from 'valibot';
import { InputError } from '../errors/index.js';
import { hasControlCharacters } from '../text-checks.js';
import type { OrgEntry, OrgList } from '../thoughtspot/index.js';

/** What a caller may name an org by: its name or its id, as typed (the contract composes it). */
export const orgTextSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'is empty'),
  v.maxLength(256, 'is longer than 256 characters'),
);

/** An org as one line names it: "Sales (1)". */
export function orgLabel(org: OrgEntry): string {
  return `${org.name} (${org.id})`;
}

/**
 * The org the person meant among those the cluster listed: an id (digits) or a name, the exact
 * name first, else the one name that matches ignoring case. One not listed fails in one line
 * that lists the ones the user is in.
 */
export function chooseOrg(list: OrgList, typed: string, username: string): OrgEntry {
  const parsed = v.safeParse(orgTextSchema, typed);
  if (!parsed.success) throw new InputError(`The org ${parsed.issues[0].message}`);
  const text = parsed.output;
  if (hasControlCharacters(text)) throw new InputError('The org contains control characters');
  const found = /^\d+$/.test(text)
    ? list.orgs.find((org) => org.id === Number(text))
    : (list.orgs.find((org) => org.name === text) ?? onlyOne(list.orgs, text));
  if (found) return found;
  // What was typed is shown only as a short, clean word: it may be anything.
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  throw new InputError(
    `${username || 'This user'} is not in an org "${shown}"; they are in ${list.orgs.map(orgLabel).join(', ')}`,
  );
}

function onlyOne(orgs: readonly OrgEntry[], text: string): OrgEntry | undefined {
  const lower = text.toLowerCase();
  const matches = orgs.filter((org) => org.name.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}
