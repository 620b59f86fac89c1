import * as v from 'valibot';
import { InputError } from '../errors/index.js';
import { hasControlCharacters } from '../text-checks.js';
import { FILTER_OPERATORS, type FilterOperator, type MintKind } from '../thoughtspot/index.js';

/** Operators that take exactly two values (a range) or exactly one; the rest take one or more. */
const RANGE: readonly FilterOperator[] = ['BW', 'BW_INC', 'BW_INC_MIN', 'BW_INC_MAX'];
const SINGLE: readonly FilterOperator[] = ['LT', 'LE', 'GT', 'GE'];

/** How many values `operator` takes, in words, or undefined when `count` is right. */
export function arityProblem(operator: FilterOperator, count: number): string | undefined {
  if (RANGE.includes(operator) && count !== 2) return `${operator} takes two values (a range)`;
  if (SINGLE.includes(operator) && count !== 1) return `${operator} takes one value`;
  return count < 1 ? `${operator} takes at least one value` : undefined;
}

const clean = v.check((text: string) => !hasControlCharacters(text), 'contains control characters');
const name = (max: number) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, 'is empty'), v.maxLength(max), clean);
const value = v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(1024), clean);
const values = v.pipe(v.array(value), v.minLength(1, 'has no values'), v.maxLength(1000));

export const filterRuleSchema = v.pipe(
  v.strictObject({ column: name(256), operator: v.picklist(FILTER_OPERATORS), values }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = arityProblem(dataset.value.operator, dataset.value.values.length);
    if (problem) addIssue({ message: problem, path: undefined });
  }),
);

export const namedValuesSchema = v.strictObject({ name: name(256), values });

/**
 * What the CLI and the window may ask for when minting a token for another user. The kind is not
 * chosen: rules (or a persist choice) make a custom token, an object id an object-scoped one,
 * anything else a full one (`mintKind`).
 */
export const mintRequestSchema = v.strictObject({
  user: name(255),
  /** An org id, or (custom tokens only) its name. */
  org: v.optional(v.union([v.pipe(v.number(), v.integer(), v.minValue(0)), name(256)])),
  validitySeconds: v.optional(
    v.pipe(
      v.number(),
      v.integer('is a whole number of seconds'),
      v.minValue(1, 'is at least one second'),
      v.maxValue(365 * 24 * 3600, 'is at most a year (31536000 seconds)'),
    ),
  ),
  objectId: v.optional(name(256)),
  filterRules: v.optional(v.pipe(v.array(filterRuleSchema), v.maxLength(100))),
  parameters: v.optional(v.pipe(v.array(namedValuesSchema), v.maxLength(100))),
  variables: v.optional(v.pipe(v.array(namedValuesSchema), v.maxLength(100))),
  persist: v.optional(v.picklist(['REPLACE', 'APPEND'])),
  groups: v.optional(v.pipe(v.array(name(256)), v.maxLength(100))),
  email: v.optional(v.pipe(name(320), v.email('is not an e-mail address'))),
  displayName: v.optional(name(256)),
  /** Create the user when missing (default true). */
  autoCreate: v.optional(v.boolean()),
});
export type MintRequest = v.InferOutput<typeof mintRequestSchema>;

/**
 * The request checked, or an InputError naming the first field that is wrong (never its value),
 * with that field's path in `details.field`. `nameOf` says a path in the asker's words (the
 * window's labels); by default the path itself.
 */
export function parseMintRequest(
  input: unknown,
  nameOf: (path: string) => string = (path) => path,
): MintRequest {
  const result = v.safeParse(mintRequestSchema, input);
  if (result.success) return checkCombination(result.output);
  const issue = result.issues[0];
  const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
  if (!path) throw new InputError(`The request: ${issue.message}`);
  throw new InputError(`${nameOf(path)}: ${issue.message}`, { field: path });
}

export function ruleCount(request: MintRequest): number {
  return (
    (request.filterRules?.length ?? 0) +
    (request.parameters?.length ?? 0) +
    (request.variables?.length ?? 0)
  );
}

export function mintKind(request: MintRequest): MintKind {
  if (ruleCount(request) > 0 || request.persist !== undefined) return 'custom';
  return request.objectId !== undefined ? 'object' : 'full';
}

/** What the fields cannot mean together, said in the person's terms. */
function checkCombination(request: MintRequest): MintRequest {
  const kind = mintKind(request);
  if (ruleCount(request) > 0 && request.persist === undefined) {
    throw new InputError(
      `Rules are kept for ${request.user} when the token is minted: choose REPLACE (they replace the rules stored for ${request.user}) or APPEND (they are added to them)`,
      { field: 'persist' },
    );
  }
  if (kind === 'custom' && request.objectId !== undefined) {
    throw new InputError(
      'A token limited to one object carries no rules: leave out the object, or the rules',
      { field: 'objectId' },
    );
  }
  if (kind !== 'custom' && typeof request.org === 'string') {
    throw new InputError(
      `A ${kind} token takes its org by id (a number); ThoughtSpot takes org names only for custom tokens`,
      { field: 'org' },
    );
  }
  return request;
}
