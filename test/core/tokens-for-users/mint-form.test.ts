// The window's form, read into core's mint request: the same checks as `tsm token --as`, each
// problem named at its field in the form's words.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../electron/core/errors/index.js';
import {
  mintFormSchema,
  readMintForm,
  type MintForm,
} from '../../../electron/core/tokens-for-users/index.js';

const form = (overrides: Partial<MintForm>): MintForm =>
  v.parse(mintFormSchema, { user: 'embed-new', kind: 'full', ...overrides });

function problem(input: Partial<MintForm>): { field: string | undefined; message: string } {
  try {
    readMintForm(form(input));
  } catch (error) {
    if (isAppError(error)) return { field: error.details.field, message: error.message };
    throw error;
  }
  throw new Error('accepted');
}

describe('reading the Tokens for users form', () => {
  it('reads a custom token with two rules and a parameter; values typed as in the CLI', () => {
    const request = readMintForm(
      form({
        kind: 'custom',
        org: ' Sales ',
        validitySeconds: 600,
        filterRules: [
          { column: 'Region', operator: 'EQ', values: 'West' },
          { column: 'Customer Id', operator: 'IN', values: 'ACME\\,42, B-7' },
        ],
        parameters: [{ name: 'Year', values: ['2026'] }],
        persist: 'REPLACE',
        groups: 'readers, writers',
        email: '  ',
        displayName: 'New User',
        autoCreate: true,
      }),
    );
    expect(request).toEqual({
      user: 'embed-new',
      org: 'Sales',
      validitySeconds: 600,
      filterRules: [
        { column: 'Region', operator: 'EQ', values: ['West'] },
        { column: 'Customer Id', operator: 'IN', values: ['ACME,42', 'B-7'] },
      ],
      parameters: [{ name: 'Year', values: ['2026'] }],
      persist: 'REPLACE',
      groups: ['readers', 'writers'],
      displayName: 'New User',
      autoCreate: true,
    });
  });

  it('reads variables (10.14+) into the request as parameters are, values typed as in the CLI', () => {
    const request = readMintForm(
      form({
        kind: 'custom',
        persist: 'APPEND',
        parameters: [{ name: 'Year', values: '2026' }],
        variables: [
          { name: 'region_var', values: 'West, North\\, East' },
          { name: 'tier', values: ['gold'] },
        ],
      }),
    );
    expect(request).toEqual({
      user: 'embed-new',
      parameters: [{ name: 'Year', values: ['2026'] }],
      variables: [
        { name: 'region_var', values: ['West', 'North, East'] },
        { name: 'tier', values: ['gold'] },
      ],
      persist: 'APPEND',
    });
  });

  it('refuses a variable on a full or object token, naming it; a bad variable row names its field', () => {
    const variables = [{ name: 'region_var', values: 'West' }];
    expect(problem({ variables })).toEqual({
      field: 'kind',
      message:
        'Kind: a full token carries no rules, and Variable 1 is one; choose a custom token for it, or leave it out',
    });
    expect(problem({ kind: 'object', objectId: 'lb-1', variables })).toMatchObject({
      field: 'kind',
      message: expect.stringContaining('Variable 1 is one') as string,
    });
    const custom = { kind: 'custom', persist: 'REPLACE' } as const;
    expect(problem({ ...custom, variables: [...variables, { name: ' ', values: '1' }] })).toEqual({
      field: 'variables.1.name',
      message: 'Variable 2, name: is empty',
    });
    expect(problem({ ...custom, variables: [{ name: 'tier', values: '' }] })).toEqual({
      field: 'variables.0.values',
      message: 'Variable 1, values: has no values',
    });
    expect(problem({ ...custom, variables: [{ name: 'tier', values: 'a\u0007' }] })).toEqual({
      field: 'variables.0.values.0',
      message: 'Variable 1, values: contains control characters',
    });
    // The form's own limits are the parameters': at most 100 rows.
    const many = Array.from({ length: 101 }, () => ({ name: 'v', values: '1' }));
    expect(
      v.safeParse(mintFormSchema, { user: 'u', kind: 'custom', variables: many }).success,
    ).toBe(false);
  });

  it('takes digits as an org id and a blank org as none', () => {
    expect(readMintForm(form({ org: '1' })).org).toBe(1);
    expect(readMintForm(form({ org: '  ' })).org).toBeUndefined();
    expect(readMintForm(form({ kind: 'object', objectId: ' lb-1 ' })).objectId).toBe('lb-1');
  });

  it('names the field of each problem, in the form’s words', () => {
    expect(problem({ user: ' ' })).toEqual({ field: 'user', message: 'User: is empty' });
    expect(problem({ kind: 'object' })).toEqual({
      field: 'objectId',
      message: "Object GUID: a token limited to one object needs that Liveboard's or Answer's GUID",
    });
    expect(problem({ kind: 'custom' })).toEqual({
      field: 'persist',
      message:
        'Persist: a custom token keeps its rules for embed-new: choose REPLACE (they replace the rules stored for embed-new) or APPEND (they are added to them)',
    });
    const custom = { kind: 'custom', persist: 'REPLACE' } as const;
    expect(
      problem({ ...custom, filterRules: [{ column: 'Region', operator: 'BW', values: '1' }] }),
    ).toEqual({ field: 'filterRules.0', message: 'Filter rule 1: BW takes two values (a range)' });
    expect(
      problem({
        ...custom,
        filterRules: [
          { column: 'Region', operator: 'EQ', values: 'West' },
          { column: 'Year', operator: 'GE', values: '' },
        ],
      }),
    ).toEqual({ field: 'filterRules.1.values', message: 'Filter rule 2, values: has no values' });
    expect(problem({ ...custom, parameters: [{ name: '', values: '1' }] })).toEqual({
      field: 'parameters.0.name',
      message: 'Parameter 1, name: is empty',
    });
    expect(problem({ validitySeconds: 0 })).toEqual({
      field: 'validitySeconds',
      message: 'Validity: is at least one second',
    });
    expect(problem({ validitySeconds: 1.5 })).toMatchObject({
      message: 'Validity: is a whole number of seconds',
    });
    expect(problem({ email: 'not-an-address' })).toEqual({
      field: 'email',
      message: 'E-mail: is not an e-mail address',
    });
    expect(problem({ org: 'Sales' })).toMatchObject({ field: 'org' });
  });

  it('refuses another kind’s fields instead of dropping them', () => {
    const rule = { column: 'Region', operator: 'EQ', values: 'West' };
    expect(problem({ filterRules: [rule] })).toEqual({
      field: 'kind',
      message:
        'Kind: a full token carries no rules, and Filter rule 1 is one; choose a custom token for it, or leave it out',
    });
    expect(problem({ kind: 'object', objectId: 'lb-1', persist: 'REPLACE' })).toMatchObject({
      field: 'persist',
    });
    expect(problem({ objectId: 'lb-1' })).toMatchObject({ field: 'objectId' });
  });

  it('says a value that holds control characters is wrong, without quoting it', () => {
    const secretish = 's3cr3t-value\u001b[2J';
    const found = problem({
      kind: 'custom',
      persist: 'APPEND',
      filterRules: [{ column: 'Region', operator: 'EQ', values: secretish }],
    });
    expect(found).toEqual({
      field: 'filterRules.0.values.0',
      message: 'Filter rule 1, values: contains control characters',
    });
  });
});
