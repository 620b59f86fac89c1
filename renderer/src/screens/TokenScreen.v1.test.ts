// A REST API v1 profile has no bearer tokens: the Token tab offers what works (tsm exec and its
// TS_COOKIE) instead of copy, renew and revoke buttons that could only fail.
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { apiContext } from '../lib/api-context.js';
import { Clock } from '../lib/clock.svelte.js';
import { execCommand } from '../lib/dialects.js';
import { FakeApi, profileView } from '../lib/testing/fake-api.js';
import TokenScreen from './TokenScreen.svelte';

const cookieSession = { state: 'signed-in', kind: 'cookie' } as const;

function setup(dialect: 'auto' | 'V1', detectedDialect?: 'V1') {
  const api = new FakeApi();
  const profile = profileView({
    name: 'Old cluster',
    dialect,
    ...(detectedDialect ? { detectedDialect } : {}),
    status: cookieSession,
  });
  render(TokenScreen, {
    props: { profile, clock: new Clock(), onSignIn: vi.fn(), onEnded: vi.fn() },
    context: apiContext(api),
  });
  return api;
}

describe('TokenScreen on a REST API v1 profile', () => {
  it.each([
    ['fixed to V1', 'V1', undefined],
    ['detected as V1', 'auto', 'V1'],
  ] as const)(
    '%s: says there are no tokens and shows the tsm exec command',
    (_, dialect, found) => {
      const api = setup(dialect, found);
      expect(screen.getByText(/issues no bearer tokens/)).toBeTruthy();
      expect(screen.getByText("tsm exec -p 'Old cluster' -- ./your-script.sh")).toBeTruthy();
      for (const name of ['Get token', 'Copy token', 'Renew token', 'Revoke token'])
        expect(screen.queryByRole('button', { name })).toBeNull();
      expect(screen.getByRole('button', { name: /Sign out/ })).toBeTruthy();
      expect(api.requests('session:getToken')).toHaveLength(0);
    },
  );

  it('quotes a profile name for the shell only when it needs it', () => {
    expect(execCommand('prod')).toBe('tsm exec -p prod -- ./your-script.sh');
    expect(execCommand("it's")).toBe("tsm exec -p 'it'\\''s' -- ./your-script.sh");
  });
});
