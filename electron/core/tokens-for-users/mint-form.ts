import * as v from 'valibot';
import { InputError } from '../errors/index.js';
import type { MintKind } from '../thoughtspot/index.js';
import { mintKind, parseMintRequest, type MintRequest } from './mint-request.js';
import { splitValues } from './rule-text.js';

export const MINT_KINDS = ['full', 'object', 'custom'] as const satisfies readonly MintKind[];

// Only the shape and sizes: what the fields mean is core's mint request to check, so the window
// gets the very errors `tsm token --as` gets.
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** Values as typed in one box (`West, North East`; `\,` is a comma inside a value), or a list. */
const valuesIn = v.union([text(64 * 1024), v.pipe(v.array(text(1024)), v.maxLength(1000))]);

const namedRows = v.pipe(
  v.array(v.strictObject({ name: text(300), values: valuesIn })),
  v.maxLength(100),
);

/** What the window's "Tokens for users" form sends. */
export const mintFormSchema = v.strictObject({
  user: text(1024),
  /** An org's id or (custom tokens) its name, as typed; blank for the user's default org. */
  org: v.optional(text(300)),
  kind: v.picklist(MINT_KINDS),
  objectId: v.optional(text(300)),
  validitySeconds: v.optional(v.number()),
  filterRules: v.optional(
    v.pipe(
      v.array(v.strictObject({ column: text(300), operator: text(40), values: valuesIn })),
      v.maxLength(100),
    ),
  ),
  parameters: v.optional(namedRows),
  /** Formula variables (ThoughtSpot 10.14+), as parameters are. */
  variables: v.optional(namedRows),
  persist: v.optional(v.picklist(['REPLACE', 'APPEND'])),
  /** Groups for a user created now: a list, or names separated by commas. */
  groups: v.optional(valuesIn),
  email: v.optional(text(400)),
  displayName: v.optional(text(300)),
  autoCreate: v.optional(v.boolean()),
});
export type MintForm = v.InferOutput<typeof mintFormSchema>;

const LABELS: Record<string, string> = {
  user: 'User',
  kind: 'Kind',
  org: 'Org',
  validitySeconds: 'Validity',
  objectId: 'Object GUID',
  persist: 'Persist',
  groups: 'Groups',
  email: 'E-mail',
  displayName: 'Display name',
};

const ROWS: Record<string, string> = {
  filterRules: 'Filter rule',
  parameters: 'Parameter',
  variables: 'Variable',
};

/** A field's path in the form's words: "filterRules.1.values.0" is "Filter rule 2, values". */
export function fieldLabel(path: string): string {
  const [list, index, part] = path.split('.');
  const noun = ROWS[list ?? ''];
  if (noun !== undefined && index !== undefined)
    return `${noun} ${Number(index) + 1}${part ? `, ${part}` : ''}`;
  return LABELS[list ?? ''] ?? path;
}

/** Blank is "not given": a form's empty box asks for nothing. */
function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function valuesOf(values: string | string[]): string[] {
  if (Array.isArray(values)) return values;
  return values.trim() === '' ? [] : splitValues(values);
}

const refuse = (field: string, message: string) =>
  new InputError(`${fieldLabel(field)}: ${message}`, { field });

/** The first rule the form holds, in the form's words ("Variable 1"), if any. */
function firstRule(form: MintForm): string | undefined {
  const lists = [
    ['filterRules', form.filterRules],
    ['parameters', form.parameters],
    ['variables', form.variables],
  ] as const;
  const found = lists.find(([, rows]) => (rows?.length ?? 0) > 0);
  return found && fieldLabel(`${found[0]}.0`);
}

/** The fields that belong to the chosen kind; another kind's fields are refused, not dropped. */
function checkKind(form: MintForm): void {
  // Only custom tokens carry rules (filter rules, parameters, variables). The error sits at the
  // kind, which the window shows whatever the kind; it names the rule so the person finds it.
  const rule = firstRule(form);
  if (form.kind !== 'custom' && rule !== undefined)
    throw refuse(
      'kind',
      `a ${form.kind} token carries no rules, and ${rule} is one; choose a custom token for it, or leave it out`,
    );
  if (form.kind !== 'custom' && form.persist !== undefined)
    throw refuse('persist', `only a custom token keeps rules for the user`);
  if (form.kind === 'object' && given(form.objectId) === undefined)
    throw refuse(
      'objectId',
      `a token limited to one object needs that Liveboard's or Answer's GUID`,
    );
  if (form.kind !== 'object' && given(form.objectId) !== undefined)
    throw refuse('objectId', `only an object token is limited to one object`);
  if (form.kind === 'custom' && form.persist === undefined) {
    const user = form.user.trim() || 'the user';
    throw refuse(
      'persist',
      `a custom token keeps its rules for ${user}: choose REPLACE (they replace the rules stored for ${user}) or APPEND (they are added to them)`,
    );
  }
}

/**
 * The window's form read into the request core checks (`parseMintRequest`), with every problem
 * an InputError naming its field (`details.field`) in the form's words.
 */
export function readMintForm(form: MintForm): MintRequest {
  checkKind(form);
  const request: Record<string, unknown> = { user: form.user };
  const org = given(form.org);
  // Digits are an org id, as `tsm token --org` reads them; anything else a name.
  if (org !== undefined) request.org = /^\d{1,9}$/.test(org) ? Number(org) : org;
  if (form.validitySeconds !== undefined) request.validitySeconds = form.validitySeconds;
  const objectId = given(form.objectId);
  if (objectId !== undefined) request.objectId = objectId;
  if (form.filterRules?.length)
    request.filterRules = form.filterRules.map((rule) => ({
      column: rule.column,
      operator: rule.operator,
      values: valuesOf(rule.values),
    }));
  if (form.parameters?.length)
    request.parameters = form.parameters.map((p) => ({ name: p.name, values: valuesOf(p.values) }));
  if (form.variables?.length)
    request.variables = form.variables.map((x) => ({ name: x.name, values: valuesOf(x.values) }));
  if (form.persist !== undefined) request.persist = form.persist;
  const groups = form.groups === undefined ? [] : valuesOf(form.groups).filter((g) => g.trim());
  if (groups.length) request.groups = groups;
  const email = given(form.email);
  if (email !== undefined) request.email = email;
  const displayName = given(form.displayName);
  if (displayName !== undefined) request.displayName = displayName;
  if (form.autoCreate !== undefined) request.autoCreate = form.autoCreate;
  const parsed = parseMintRequest(request, fieldLabel);
  if (mintKind(parsed) !== form.kind)
    throw refuse('kind', `these fields make a ${mintKind(parsed)} token, not a ${form.kind} one`);
  return parsed;
}
