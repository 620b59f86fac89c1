import { describe, expect, it } from 'vitest';
import {
  mintKind,
  mintedMessage,
  parseMintRequest,
  revokedForMessage,
} from '../../../electron/core/tokens-for-users/index.js';

const rule = { column: 'Region', operator: 'EQ', values: ['West'] } as const;

describe('what a mint request means', () => {
  it('is full by default, object with an object id, custom with rules or a persist choice', () => {
    expect(mintKind(parseMintRequest({ user: 'analyst' }))).toBe('full');
    expect(mintKind(parseMintRequest({ user: 'analyst', objectId: 'lb-1', org: 1 }))).toBe(
      'object',
    );
    const custom = { user: 'analyst', filterRules: [rule], persist: 'REPLACE' };
    expect(mintKind(parseMintRequest(custom))).toBe('custom');
    expect(mintKind(parseMintRequest({ user: 'analyst', persist: 'APPEND' }))).toBe('custom');
    // Provisioning goes with any kind: it is not a rule.
    expect(mintKind(parseMintRequest({ user: 'n', groups: ['g'], email: 'n@x.io' }))).toBe('full');
  });

  it('makes the person choose how rules are kept, naming both choices', () => {
    expect(() => parseMintRequest({ user: 'analyst', filterRules: [rule] })).toThrow(
      /choose REPLACE .* or APPEND/,
    );
    expect(() =>
      parseMintRequest({ user: 'analyst', parameters: [{ name: 'p', values: ['1'] }] }),
    ).toThrow('choose REPLACE');
  });

  it('refuses what cannot go together, and says why', () => {
    expect(() =>
      parseMintRequest({ user: 'a', objectId: 'lb-1', filterRules: [rule], persist: 'REPLACE' }),
    ).toThrow('carries no rules');
    expect(() => parseMintRequest({ user: 'a', org: 'Sales' })).toThrow('org by id');
    expect(parseMintRequest({ user: 'a', org: 'Sales', persist: 'REPLACE' }).org).toBe('Sales');
  });

  it('names the field that is wrong, never its value', () => {
    const bad = (input: unknown) => {
      try {
        parseMintRequest(input);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad({ user: '' })).toBe('user: is empty');
    expect(bad({ user: 'a\u001b[2J' })).toBe('user: contains control characters');
    expect(
      bad({ user: 'a', persist: 'REPLACE', filterRules: [{ ...rule, operator: 'EQUALS' }] }),
    ).toMatch(/^filterRules\.0\.operator: /);
    expect(
      bad({ user: 'a', persist: 'REPLACE', filterRules: [{ ...rule, values: ['s3cr3t\n'] }] }),
    ).toBe('filterRules.0.values.0: contains control characters');
    expect(bad({ user: 'a', validitySeconds: 0 })).toMatch(/^validitySeconds: /);
    expect(bad({ user: 'a', secretKey: 'k' })).toMatch(/^secretKey: /);
    expect(bad({ user: 'a', persist: 'REPLACE', filterRules: [{ ...rule, operator: 'BW' }] })).toBe(
      'filterRules.0: BW takes two values (a range)',
    );
  });
});

describe('the audit wording', () => {
  it('says whom, which kind, how many rules and the persist choice, never the rules themselves', () => {
    const request = parseMintRequest({
      user: 'analyst',
      persist: 'REPLACE',
      filterRules: [rule, { column: 'Customer Id', operator: 'IN', values: ['ACME-42', 'B-7'] }],
    });
    const line = mintedMessage(request, 'custom');
    expect(line).toBe('minted for analyst (custom, 2 rules, REPLACE)');
    for (const hidden of ['Region', 'West', 'Customer Id', 'ACME-42'])
      expect(line).not.toContain(hidden);
    expect(mintedMessage(parseMintRequest({ user: 'bob', org: 1 }), 'full')).toBe(
      'minted for bob (full, org 1)',
    );
    expect(mintedMessage(parseMintRequest({ user: 'bob', objectId: 'lb-1' }), 'object')).toBe(
      'minted for bob (object lb-1)',
    );
    const mixed = parseMintRequest({
      user: 'c',
      persist: 'APPEND',
      parameters: [{ name: 'p', values: ['1'] }],
      variables: [
        { name: 'v', values: ['2'] },
        { name: 'w', values: ['3'] },
      ],
    });
    expect(mintedMessage(mixed, 'custom')).toBe(
      'minted for c (custom, 0 rules, 1 parameter, 2 variables, APPEND)',
    );
    expect(revokedForMessage('analyst', false)).toBe('revoked the tokens of analyst');
    expect(revokedForMessage('analyst', true)).toBe('revoked a token of analyst');
  });
});
