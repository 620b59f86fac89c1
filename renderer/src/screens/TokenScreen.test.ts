import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ProfileView, TokenSummary } from '../lib/api.js';
import { apiContext } from '../lib/api-context.js';
import { Clock } from '../lib/clock.svelte.js';
import { apiError, FakeApi, profileView } from '../lib/testing/fake-api.js';
import TokenScreen from './TokenScreen.svelte';

const now = Date.now();
const summary: TokenSummary = {
  createdAt: now - 60_000,
  expiresAt: now + 3_540_000,
  username: 'tsadmin',
  dialect: 'C',
  fingerprint: '0123456789ab',
};
const signedIn = (expiresAt = summary.expiresAt): ProfileView =>
  profileView({ status: { state: 'signed-in', kind: 'bearer', expiresAt } });

function setup(profile = signedIn()) {
  const api = new FakeApi()
    .on('session:getToken', () => summary)
    .on('session:revealToken', () => ({ token: 'the-secret-token' }))
    .on('session:copyToken', () => ({ copiedBy: 'app', clearsAfterSeconds: 30 }))
    .on('session:revoke', () => ({ state: 'revoked' }))
    .on('session:renew', () => ({ ...summary, expiresAt: now + 7_200_000 }));
  const onEnded = vi.fn();
  const view = render(TokenScreen, {
    props: { profile, clock: new Clock(), onSignIn: vi.fn(), onEnded },
    context: apiContext(api),
  });
  return { api, onEnded, view };
}

describe('TokenScreen', () => {
  it('offers no second press while an action runs: Revoke waits for a renewal to finish', async () => {
    let finish: (value: TokenSummary) => void = () => undefined;
    const { api } = setup();
    api.on('session:renew', () => new Promise<TokenSummary>((resolve) => (finish = resolve)));
    const revoke = await screen.findByRole('button', { name: 'Revoke token' });
    expect(revoke.hasAttribute('disabled')).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Renew' }));
    await vi.waitFor(() => expect(revoke.hasAttribute('disabled')).toBe(true));
    finish({ ...summary, expiresAt: now + 7_200_000 });
    await vi.waitFor(() => expect(revoke.hasAttribute('disabled')).toBe(false));
  });

  it('keeps the token masked until an explicit reveal', async () => {
    const { api } = setup();
    await screen.findByText('0123456789ab', { selector: 'code' });
    expect(document.body.textContent).not.toContain('the-secret-token');
    expect(api.requests('session:getToken')).toEqual([{ profileId: 'p1', minTtlSeconds: 0 }]);
    await fireEvent.click(screen.getByRole('button', { name: 'Reveal' }));
    expect(await screen.findByText('the-secret-token')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(document.body.textContent).not.toContain('the-secret-token');
  });

  it('drops a revealed token when the session changes', async () => {
    const { view } = setup();
    await fireEvent.click(await screen.findByRole('button', { name: 'Reveal' }));
    await screen.findByText('the-secret-token');
    await view.rerender({ profile: signedIn(summary.expiresAt + 60_000) });
    expect(document.body.textContent).not.toContain('the-secret-token');
  });

  it('hides a revealed token after a minute, or when the window is hidden', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      setup();
      const reveal = async (): Promise<void> => {
        await vi.advanceTimersByTimeAsync(0);
        await fireEvent.click(screen.getByRole('button', { name: 'Reveal' }));
        await vi.advanceTimersByTimeAsync(0);
        expect(document.body.textContent).toContain('the-secret-token');
      };
      await reveal();
      await vi.advanceTimersByTimeAsync(59_000);
      expect(document.body.textContent).toContain('the-secret-token');
      await vi.advanceTimersByTimeAsync(1_000);
      expect(document.body.textContent).not.toContain('the-secret-token');

      await reveal();
      vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
      await fireEvent(document, new Event('visibilitychange'));
      expect(document.body.textContent).not.toContain('the-secret-token');
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
    }
  });

  it('copies in each format from the main process and says when the clipboard clears', async () => {
    const { api } = setup();
    await fireEvent.click(await screen.findByRole('button', { name: 'Copy token' }));
    await screen.findByText(/Copied the token\. The clipboard is cleared in 30 s/);
    await fireEvent.click(screen.getByRole('button', { name: 'Copy as curl' }));
    // One copy at a time: the buttons wait while one runs.
    await screen.findByText(/Copied a curl command\./);
    await fireEvent.click(screen.getByRole('button', { name: 'Copy as .env line' }));
    await vi.waitFor(() =>
      expect(api.requests('session:copyToken').map((r) => r.format)).toEqual([
        'token',
        'curl',
        'env',
      ]),
    );
    expect(api.requests('session:revealToken')).toHaveLength(0);
  });

  it('renews and says until when', async () => {
    const { api } = setup();
    await fireEvent.click(await screen.findByRole('button', { name: 'Renew' }));
    await screen.findByText(/Renewed: a new token, valid until/);
    expect(api.requests('session:renew')).toEqual([{ profileId: 'p1' }]);
  });

  it('a renewal that fails says what it needs in place, and not "Renewed"', async () => {
    const { api } = setup();
    api.on('session:renew', () => {
      throw apiError(
        'NOT_SIGNED_IN',
        'Renewing needs your password: sign in again or tick Remember me',
      );
    });
    await fireEvent.click(await screen.findByRole('button', { name: 'Renew' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Renewing needs your password: sign in again or tick Remember me',
    );
    // The token on screen still stands: the heading says the renewal failed, not the session.
    expect(alert.textContent).toContain('Not renewed');
    expect(alert.textContent).not.toContain('Not signed in');
    expect(document.body.textContent).not.toMatch(/Renewed/);
    expect(screen.getByText('0123456789ab', { selector: 'code' })).toBeTruthy();
  });

  it('revokes only after a confirmation that says exactly what happens', async () => {
    const { api, onEnded } = setup();
    await fireEvent.click(await screen.findByRole('button', { name: 'Revoke token' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke this token?' });
    const text = dialog.textContent.replace(/\s+/g, ' ');
    expect(text).toContain('The cluster will refuse token 0123456789ab of tsadmin');
    expect(text).toContain('every script, curl command or .env file it was copied to');
    expect(api.requests('session:revoke')).toHaveLength(0);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    await vi.waitFor(() => expect(onEnded).toHaveBeenCalledOnce());
    expect(api.requests('session:revoke')).toEqual([{ profileId: 'p1' }]);
  });

  it('says that signing out revokes the token, and does nothing until confirmed', async () => {
    const { api } = setup();
    await fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign out of “Demo cluster”?' });
    expect(dialog.textContent?.replace(/\s+/g, ' ')).toContain(
      'The cluster revokes tsadmin’s token, so copies of it stop working',
    );
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBe(null);
    expect(api.requests('session:logout')).toHaveLength(0);
  });

  it('offers to get a token for a cookie session instead of fetching one on its own', async () => {
    const { api } = setup(profileView({ status: { state: 'signed-in', kind: 'cookie' } }));
    const button = await screen.findByRole('button', { name: 'Get token' });
    expect(api.requests('session:getToken')).toHaveLength(0);
    await fireEvent.click(button);
    await screen.findByText('0123456789ab', { selector: 'code' });
    expect(api.requests('session:getToken')).toEqual([{ profileId: 'p1' }]);
  });
});
