import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { BrowserSignInResult, ProfileView } from '../lib/api.js';
import { apiContext } from '../lib/api-context.js';
import { apiError, FakeApi, profileView } from '../lib/testing/fake-api.js';
import SignInScreen from './SignInScreen.svelte';

const signedIn = { state: 'signed-in', kind: 'bearer', expiresAt: 1 } as const;

function setup(api: FakeApi, profile: ProfileView) {
  const onSignedIn = vi.fn();
  render(SignInScreen, { props: { profile, onSignedIn }, context: apiContext(api) });
  return { onSignedIn };
}

/** A browser sign-in that waits until the test ends it. */
function pending(api: FakeApi) {
  let end!: (outcome: BrowserSignInResult | Error) => void;
  api.on(
    'session:signInWithBrowser',
    () =>
      new Promise<BrowserSignInResult>((resolve, reject) => {
        end = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome));
      }),
  );
  return (outcome: BrowserSignInResult | Error) => end(outcome);
}

const unfinished = (cause: string, message: string) =>
  apiError('SIGN_IN_UNFINISHED', message, { cause });

describe('SignInScreen for a browser sign-in', () => {
  it.each([
    ['saml', 'Sign in with SSO', /at your identity provider \(SAML\)/],
    ['oidc', 'Sign in with SSO', /at your identity provider \(OpenID Connect\)/],
    ['browser', 'Open sign-in page', /the cluster’s own sign-in page/],
  ] as const)('%s: one button, "%s", and what will happen', (auth, label, where) => {
    setup(new FakeApi(), profileView({ auth, username: '' }));
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((b) => b.textContent.trim())).toEqual([label]);
    expect(screen.queryByLabelText('Password')).toBe(null);
    const explained = document.getElementById('browser-signin-explain')?.textContent ?? '';
    expect(explained).toMatch(where);
    expect(explained).toContain('keeps the session in the keychain and closes the window');
  });

  it('waits with a Cancel button that has the focus, and Cancel asks the cancel channel', async () => {
    const api = new FakeApi().on('session:cancelBrowserSignIn', () => ({ cancelled: true }));
    const end = pending(api);
    const { onSignedIn } = setup(api, profileView({ auth: 'saml', username: '' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in with SSO' }));
    const cancel = await screen.findByRole('button', { name: 'Cancel' });
    await vi.waitFor(() => expect(document.activeElement).toBe(cancel));
    expect(document.getElementById('browser-signin-progress')?.textContent).toBe(
      'Waiting for you to finish signing in…',
    );
    expect(screen.queryByRole('button', { name: 'Sign in with SSO' })).toBe(null);

    await fireEvent.click(cancel);
    expect(api.requests('session:cancelBrowserSignIn')).toEqual([{ profileId: 'p1' }]);
    end(unfinished('cancelled', 'Sign-in was cancelled'));
    const again = await screen.findByRole('button', { name: 'Sign in with SSO' });
    await vi.waitFor(() => expect(document.activeElement).toBe(again));
    // Calm: the person asked for it, so it is news, not an alert.
    expect(screen.queryByRole('alert')).toBe(null);
    expect(document.body.textContent).toContain('Sign-in was cancelled. Nothing was stored.');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('hands on the session with who signed in and how', async () => {
    const api = new FakeApi().on('session:signInWithBrowser', () => ({
      status: signedIn,
      username: 'sso-user@example.com',
      via: 'SAML',
    }));
    const { onSignedIn } = setup(api, profileView({ auth: 'saml', username: '' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in with SSO' }));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(onSignedIn).toHaveBeenCalledWith(
      signedIn,
      'Signed in as sso-user@example.com through SAML',
    );
    expect(api.requests('session:signInWithBrowser')).toEqual([{ profileId: 'p1' }]);
  });

  it('a closed sign-in window says so in place, as an error', async () => {
    const api = new FakeApi();
    const end = pending(api);
    setup(api, profileView({ auth: 'browser', username: '' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Open sign-in page' }));
    end(unfinished('closed', 'The sign-in window was closed before you finished'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Sign-in not finished');
    expect(alert.textContent).toContain('The sign-in window was closed before you finished');
    expect(screen.getByRole('button', { name: 'Open sign-in page' })).toBeTruthy();
  });

  it('a failed cancel says so, and the wait goes on', async () => {
    const api = new FakeApi().on('session:cancelBrowserSignIn', () => {
      throw apiError('INTERNAL', 'Something unexpected went wrong');
    });
    pending(api);
    setup(api, profileView({ auth: 'oidc', username: '' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in with SSO' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not cancel the sign-in');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
  });
});

describe('SignInScreen: a cluster that asks for a second factor', () => {
  const mfa = () =>
    apiError(
      'MFA_REQUIRED',
      'This cluster requires multi-factor sign-in for mfa-user; use a trusted-auth secret key or a token instead',
      { incidentId: 'inc-7' },
    );

  async function failWithMfa(api: FakeApi) {
    api.on('session:login', () => {
      throw mfa();
    });
    const profile = profileView({
      username: 'mfa-user',
      org: 2,
      tls: { insecure: false, caFile: '/ca.pem' },
    });
    const view = setup(api, profile);
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'mfa-user' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    return { ...view, alert, profile };
  }

  it('offers the cluster’s page, not a secret key', async () => {
    const { alert } = await failWithMfa(new FakeApi());
    expect(alert.textContent).toContain(
      'This cluster asks for a second factor; sign in through its page instead',
    );
    expect(alert.textContent).not.toMatch(/secret key/i);
    expect(alert.textContent).toContain('inc-7');
  });

  it('the offer switches the profile to the cluster’s page, keeping the rest, then signs in', async () => {
    const api = new FakeApi()
      .on('profiles:save', ({ input }) =>
        profileView({ username: input.username, auth: input.auth ?? 'password' }),
      )
      .on('session:signInWithBrowser', () => ({
        status: signedIn,
        username: 'mfa-user',
        via: 'the cluster’s sign-in page',
      }));
    const { alert, onSignedIn } = await failWithMfa(api);
    await fireEvent.click(within(alert).getByRole('button', { name: 'Open sign-in page' }));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(api.calls.map((c) => c.channel)).toEqual([
      'session:login',
      'profiles:save',
      'session:signInWithBrowser',
    ]);
    expect(api.requests('profiles:save')[0]).toEqual({
      profileId: 'p1',
      input: {
        name: 'Demo cluster',
        url: 'http://127.0.0.1:8080',
        username: 'mfa-user',
        auth: 'browser',
        dialect: 'auto',
        validitySeconds: 3600,
        autoRenew: true,
        tls: { insecure: false, caFile: '/ca.pem' },
        org: 2,
      },
    });
    expect(onSignedIn).toHaveBeenCalledWith(
      signedIn,
      'Signed in as mfa-user through the cluster’s sign-in page',
    );
  });

  it('a failed save says so and starts nothing', async () => {
    const api = new FakeApi().on('profiles:save', () => {
      throw apiError('STORAGE_FAILED', 'Could not write settings.json: disk full');
    });
    const { alert } = await failWithMfa(api);
    await fireEvent.click(within(alert).getByRole('button', { name: 'Open sign-in page' }));
    await screen.findByText(/Could not switch “Demo cluster” to the sign-in page/);
    expect(document.body.textContent).toContain('Could not write settings.json: disk full');
    expect(document.body.textContent).toContain('Nothing was started');
    expect(api.requests('session:signInWithBrowser')).toEqual([]);
    expect(screen.getByLabelText('Password')).toBeTruthy(); // still the password form
  });
});
