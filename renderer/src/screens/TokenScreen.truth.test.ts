import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ProfileView, TokenSummary } from '../lib/api.js';
import { apiContext } from '../lib/api-context.js';
import { Clock } from '../lib/clock.svelte.js';
import { FakeApi, profileView } from '../lib/testing/fake-api.js';
import TokenScreen from './TokenScreen.svelte';

// Issue 15: the mask ended in the fingerprint as if those were the token's last characters, and
// a cookie session's token lived 5 minutes under a profile that says 60 without a word.
const now = Date.now();
const token = (lifetimeMs: number): TokenSummary => ({
  createdAt: now,
  expiresAt: now + lifetimeMs,
  username: 'tsadmin',
  dialect: 'C',
  fingerprint: '31bbe31d015d',
});

function setup(profile: ProfileView, summary: TokenSummary) {
  const api = new FakeApi().on('session:getToken', () => summary);
  render(TokenScreen, {
    props: { profile, clock: new Clock(), onSignIn: vi.fn(), onEnded: vi.fn() },
    context: apiContext(api),
  });
}

describe('TokenScreen tells the truth', () => {
  it('shows the mask without the fingerprint; the fingerprint apart, labelled', async () => {
    setup(
      profileView({ status: { state: 'signed-in', kind: 'bearer', expiresAt: now + 3_600_000 } }),
      token(3_600_000),
    );
    const mask = await screen.findByRole('img', { name: 'Hidden token' });
    expect(mask.textContent).toMatch(/^•+$/);
    const label = screen.getByText('Fingerprint');
    expect(label.nextElementSibling?.textContent).toBe('31bbe31d015d');
  });

  it('a cookie session’s token says the lifetime the cluster gave, and how to get the profile’s', async () => {
    setup(profileView({ status: { state: 'signed-in', kind: 'cookie' } }), token(300_000));
    await fireEvent.click(screen.getByRole('button', { name: 'Get token' }));
    const note = await screen.findByText(/The cluster gave this token/);
    expect(note.textContent).toBe(
      "The cluster gave this token 5 minutes, not the profile's 1 hour: a cookie session's token lives as long as the cluster decides. For 1 hour, use “Get token” on the Sign-in tab with your password.",
    );
  });

  it('says nothing of the lifetime when it is the profile’s', async () => {
    setup(profileView({ status: { state: 'signed-in', kind: 'cookie' } }), token(3_600_000));
    await fireEvent.click(screen.getByRole('button', { name: 'Get token' }));
    await screen.findByText('Fingerprint');
    expect(screen.queryByText(/The cluster gave this token/)).toBe(null);
  });
});
