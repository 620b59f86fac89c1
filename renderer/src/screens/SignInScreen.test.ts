import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { apiContext } from '../lib/api-context.js';
import { apiError, FakeApi, profileView } from '../lib/testing/fake-api.js';
import SignInScreen from './SignInScreen.svelte';

function setup(api = new FakeApi(), profile = profileView()) {
  const onSignedIn = vi.fn();
  render(SignInScreen, { props: { profile, onSignedIn }, context: apiContext(api) });
  return { api, onSignedIn };
}

describe('SignInScreen', () => {
  it('says where Remember me keeps the password: the keychain, or the encrypted file chosen', () => {
    render(SignInScreen, {
      props: {
        profile: profileView(),
        secretsPlace: 'the encrypted secrets file',
        onSignedIn() {},
      },
      context: apiContext(new FakeApi()),
    });
    const hint = document.getElementById('remember-hint')?.textContent ?? '';
    expect(hint).toContain('in the encrypted secrets file');
    expect(hint).not.toContain('keychain');
  });

  it('has the exact accessible names, with the username from the profile', () => {
    setup();
    expect(screen.getByLabelText<HTMLInputElement>('Username').value).toBe('tsadmin');
    expect(screen.getByLabelText('Password').getAttribute('type')).toBe('password');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Get token' })).toBeTruthy();
  });

  it('"Sign in" starts a cookie session; "Get token" asks for a bearer token', async () => {
    const api = new FakeApi().on('session:login', () => ({
      state: 'signed-in',
      kind: 'cookie',
    }));
    const { onSignedIn } = setup(api);
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'admin' } });
    await fireEvent.click(screen.getByLabelText(/Remember me/));
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'admin' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Get token' }));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(2));
    expect(api.requests('session:login')).toEqual([
      {
        profileId: 'p1',
        method: 'password',
        password: 'admin',
        kind: 'cookie',
        rememberMe: true,
        remember: true,
      },
      { profileId: 'p1', method: 'password', password: 'admin', kind: 'bearer', remember: true },
    ]);
    expect(screen.getByLabelText<HTMLInputElement>('Password').value).toBe('');
  });

  it('signs in with a secret key, and asks core to save the method only once it worked', async () => {
    const api = new FakeApi().on('session:login', () => ({
      state: 'signed-in',
      kind: 'bearer',
      expiresAt: 1,
    }));
    const { onSignedIn } = setup(api);
    await fireEvent.click(screen.getByRole('button', { name: 'Use a secret key instead' }));
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBe(null);
    await fireEvent.input(screen.getByLabelText('Secret key'), {
      target: { value: 'demo-secret-key' },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Get token' }));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(api.calls.map((c) => c.channel)).toEqual(['session:login']);
    expect(api.requests('session:login')[0]).toEqual({
      profileId: 'p1',
      method: 'secret-key',
      secretKey: 'demo-secret-key',
      remember: false,
      saveOnSuccess: { auth: 'secret-key' },
    });
  });

  it('another username: asks first, and a failed sign-in saves nothing', async () => {
    const api = new FakeApi().on('session:login', () => {
      throw apiError('AUTH_FAILED', 'Wrong username or password for erin');
    });
    const { onSignedIn } = setup(api);
    await fireEvent.input(screen.getByLabelText('Username'), { target: { value: ' erin ' } });
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign in as “erin” and save it?' });
    expect(dialog.textContent.replace(/\s+/g, ' ')).toContain(
      'If the sign-in fails, nothing is saved',
    );
    expect(api.calls).toHaveLength(0);

    await fireEvent.click(within(dialog).getByRole('button', { name: 'Sign in and save' }));
    await screen.findByRole('alert');
    expect(screen.getByRole('alert').textContent).toContain('Wrong username or password for erin');
    expect(screen.queryByRole('dialog')).toBe(null);
    expect(api.requests('profiles:save')).toHaveLength(0);
    expect(api.calls.map((c) => c.channel)).toEqual(['session:login']);
    expect(api.requests('session:login')[0]).toMatchObject({
      saveOnSuccess: { username: 'erin' },
    });
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('another username, declined: nothing is sent at all', async () => {
    const { api } = setup();
    await fireEvent.input(screen.getByLabelText('Username'), { target: { value: 'erin' } });
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Get token' }));
    const dialog = screen.getByRole('dialog');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBe(null);
    expect(api.calls).toHaveLength(0);
  });

  it('the profile’s own user signs in without asking or saving', async () => {
    const api = new FakeApi().on('session:login', () => ({ state: 'signed-in', kind: 'cookie' }));
    const { onSignedIn } = setup(api);
    await fireEvent.input(screen.getByLabelText('Username'), { target: { value: 'tsadmin ' } });
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'admin' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(screen.queryByRole('dialog')).toBe(null);
    expect(api.requests('session:login')[0]).not.toHaveProperty('saveOnSuccess');
  });

  it('shows the server’s reason in place, with the incident id under Details', async () => {
    const api = new FakeApi().on('session:login', () => {
      throw apiError('ACCOUNT_LOCKED', 'The account erin is locked', { incidentId: 'inc-42' });
    });
    const { onSignedIn } = setup(api);
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Account locked');
    expect(alert.textContent).toContain('The account erin is locked');
    expect(alert.textContent).toContain('inc-42');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('shows progress while it waits, and ignores a second press', async () => {
    let finish!: () => void;
    const api = new FakeApi().on(
      'session:login',
      () =>
        new Promise((resolve) => {
          finish = () => resolve({ state: 'signed-in', kind: 'cookie' });
        }),
    );
    setup(api);
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'admin' } });
    const button = screen.getByRole('button', { name: 'Sign in' });
    await fireEvent.click(button);
    await fireEvent.click(button);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('status').textContent).toContain('Waiting for the cluster');
    finish();
    await vi.waitFor(() => expect(button.getAttribute('aria-busy')).toBe('false'));
    expect(api.requests('session:login')).toHaveLength(1);
  });
});
