import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ProfileView } from '../lib/api.js';
import { apiContext } from '../lib/api-context.js';
import { apiError, FakeApi, profileView } from '../lib/testing/fake-api.js';
import SignInScreen from './SignInScreen.svelte';

// Issue 15: the sign-in form tells the truth about a failure, a pasted token of another user,
// and names its Remember-me box once.
function setup(api: FakeApi, profile: ProfileView = profileView()) {
  const onSignedIn = vi.fn();
  const onAttempt = vi.fn();
  render(SignInScreen, { props: { profile, onSignedIn, onAttempt }, context: apiContext(api) });
  return { onSignedIn, onAttempt };
}

describe('SignInScreen tells the truth', () => {
  it('names the Remember-me box by its label alone; the hint is its description', () => {
    setup(new FakeApi());
    const box = screen.getByRole('checkbox', { name: 'Remember me' });
    const hint = document.getElementById(box.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent?.replace(/\s+/g, ' ')).toContain('so tokens renew on their own');
    expect(box.closest('label')?.textContent?.trim()).toBe('Remember me');
  });

  it('shows the reason the session keeps for its last failure, in place', () => {
    const problem = {
      code: 'ACCOUNT_LOCKED' as const,
      message: 'The account locked-user is locked',
    };
    setup(new FakeApi(), profileView({ status: { state: 'signed-out', problem } }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Account locked');
    expect(alert.textContent).toContain('The account locked-user is locked');
  });

  it('says a sign-in started, so an older note (a sign-out’s) can go', async () => {
    const api = new FakeApi().on('session:login', () => {
      throw apiError('AUTH_FAILED', 'Wrong username or password');
    });
    const { onAttempt } = setup(api);
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'x' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onAttempt).toHaveBeenCalledOnce();
  });

  describe('a pasted token of another user', () => {
    const refusal = () =>
      apiError(
        'INVALID_INPUT',
        "This token is analyst's, not tsadmin's (the profile's user): nothing was stored",
        { user: 'analyst' },
      );

    async function paste(api: FakeApi) {
      const done = setup(api, profileView({ auth: 'token' }));
      await fireEvent.input(screen.getByLabelText('Token'), { target: { value: 'tok-1' } });
      await fireEvent.click(screen.getByRole('button', { name: 'Use this token' }));
      return { ...done, alert: await screen.findByRole('alert') };
    }

    it('says whose it is and keeps it, as that user, only when asked', async () => {
      let calls = 0;
      const api = new FakeApi().on('session:login', () => {
        calls += 1;
        if (calls === 1) throw refusal();
        return { state: 'signed-in', kind: 'bearer', expiresAt: 1 };
      });
      const { alert, onSignedIn } = await paste(api);
      const text = alert.textContent.replace(/\s+/g, ' ');
      expect(text).toContain('This token is analyst’s, not tsadmin’s');
      expect(text).toContain('Nothing was stored');
      await fireEvent.click(within(alert).getByRole('button', { name: 'Keep it as analyst' }));
      await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
      expect(api.requests('session:login')).toEqual([
        { profileId: 'p1', method: 'token', token: 'tok-1' },
        {
          profileId: 'p1',
          method: 'token',
          token: 'tok-1',
          saveOnSuccess: { username: 'analyst' },
        },
      ]);
    });

    it('not kept: nothing more is sent, and the token leaves the form', async () => {
      const api = new FakeApi().on('session:login', () => {
        throw refusal();
      });
      const { alert, onSignedIn } = await paste(api);
      await fireEvent.click(within(alert).getByRole('button', { name: 'Do not keep it' }));
      expect(screen.queryByRole('alert')).toBe(null);
      expect(screen.getByLabelText<HTMLInputElement>('Token').value).toBe('');
      expect(api.requests('session:login')).toHaveLength(1);
      expect(onSignedIn).not.toHaveBeenCalled();
    });
  });
});
