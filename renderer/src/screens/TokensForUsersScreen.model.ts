/** What the "Tokens for users" tab shows and sends, apart from its markup. Pure. */
import type { FilterOperator, MintedSummary, RequestOf } from '../../../electron/ipc/contract.js';

export type MintKind = RequestOf<'tokens:mint'>['kind'];
export type Persist = 'REPLACE' | 'APPEND';

/**
 * ThoughtSpot's operator names, each in words. A Record over core's operator type: the compiler
 * demands an entry for every operator core knows, and refuses one it does not.
 */
export const OPERATORS: Record<FilterOperator, string> = {
  EQ: 'equals',
  NE: 'does not equal',
  LT: 'less than',
  LE: 'at most',
  GT: 'greater than',
  GE: 'at least',
  IN: 'is one of',
  NOT_IN: 'is none of',
  BW: 'between (two values)',
  BW_INC: 'between, both included',
  BW_INC_MIN: 'between, lower included',
  BW_INC_MAX: 'between, upper included',
  CONTAINS: 'contains',
  BEGINS_WITH: 'begins with',
  ENDS_WITH: 'ends with',
  LIKE: 'is like (pattern)',
};
export const OPERATOR_NAMES = Object.keys(OPERATORS) as FilterOperator[];

/**
 * One row of a rule table: a filter rule (column, operator, values), or a parameter or variable
 * (name, values).
 */
export interface RuleRow {
  id: number;
  key: string;
  operator: FilterOperator;
  /** As typed: values separated by commas (`\,` is a comma inside a value), as in the CLI. */
  values: string;
}

let rowIds = 0;
export const newRow = (): RuleRow => ({ id: ++rowIds, key: '', operator: 'EQ', values: '' });

export interface MintFields {
  user: string;
  org: string;
  kind: MintKind;
  objectId: string;
  validitySeconds: number | null | undefined;
  filters: RuleRow[];
  params: RuleRow[];
  /** Formula variables (ThoughtSpot 10.14+). */
  vars: RuleRow[];
  persist: Persist | undefined;
  displayName: string;
  email: string;
  groups: string;
  autoCreate: boolean;
}

/** The request for the chosen kind only: the fields of a kind not chosen are not sent. */
export function mintRequest(profileId: string, f: MintFields): RequestOf<'tokens:mint'> {
  const request: RequestOf<'tokens:mint'> = { profileId, user: f.user, kind: f.kind };
  if (f.org.trim()) request.org = f.org;
  if (typeof f.validitySeconds === 'number' && Number.isFinite(f.validitySeconds))
    request.validitySeconds = f.validitySeconds;
  if (f.kind === 'object') request.objectId = f.objectId;
  if (f.kind === 'custom') {
    if (f.filters.length)
      request.filterRules = f.filters.map((r) => ({
        column: r.key,
        operator: r.operator,
        values: r.values,
      }));
    if (f.params.length)
      request.parameters = f.params.map((r) => ({ name: r.key, values: r.values }));
    if (f.vars.length) request.variables = f.vars.map((r) => ({ name: r.key, values: r.values }));
    if (f.persist) request.persist = f.persist;
  }
  if (f.displayName.trim()) request.displayName = f.displayName;
  if (f.email.trim()) request.email = f.email;
  if (f.groups.trim()) request.groups = f.groups;
  if (!f.autoCreate) request.autoCreate = false;
  return request;
}

/** A problem in one row of a table: core's field path `filterRules.1.values.0` is row 1, values. */
export interface RowProblem {
  index: number;
  part: 'key' | 'operator' | 'values';
  message: string;
}

export function rowProblem(
  field: string | undefined,
  list: 'filterRules' | 'parameters' | 'variables',
  message: string,
): RowProblem | undefined {
  const [name, index, part] = (field ?? '').split('.');
  if (name !== list || index === undefined) return undefined;
  const at =
    part === 'column' || part === 'name' ? 'key' : part === 'operator' ? 'operator' : 'values';
  return { index: Number(index), part: at, message };
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** What a minted token allows, in words. */
export function scopeText(summary: MintedSummary): string {
  const { scope } = summary;
  if (scope.access === 'FULL') return `Everything ${summary.user} may do`;
  if (scope.access === 'OBJECT') return `Only the object ${scope.objectId}`;
  const parts = [
    [scope.filterRules.length, 'filter rule'],
    [scope.parameters.length, 'parameter'],
    [scope.variables.length, 'variable'],
  ] as const;
  const kept = parts.filter(([n]) => n > 0).map(([n, what]) => count(n, what));
  return `Custom: ${kept.join(', ') || 'no rules'}, kept for ${summary.user} (${scope.persist})`;
}

/** Values as the form takes them (core's splitValues): `\,` a comma inside one, `\\` a backslash. */
const valuesText = (values: string[]) =>
  values.map((value) => value.replace(/[\\,]/g, (char) => `\\${char}`)).join(', ');

/** What a custom token keeps for its user, one line per rule, by table; empty tables left out. */
export function keptRules(summary: MintedSummary): { label: string; lines: string[] }[] {
  const { scope } = summary;
  if (scope.access !== 'CUSTOM') return [];
  const named = (rows: { name: string; values: string[] }[]) =>
    rows.map((row) => `${row.name} = ${valuesText(row.values)}`);
  return [
    {
      label: 'Filter rules',
      lines: scope.filterRules.map((r) => `${r.column} ${r.operator} ${valuesText(r.values)}`),
    },
    { label: 'Parameters', lines: named(scope.parameters) },
    { label: 'Variables', lines: named(scope.variables) },
  ].filter((table) => table.lines.length > 0);
}

export function orgText(summary: MintedSummary): string {
  const org = summary.org;
  if (!org) return 'the user’s default';
  return org.name ? `${org.name} (${org.id})` : String(org.id);
}
