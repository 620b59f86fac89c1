import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { ProfileView, SecretsState } from './lib/api.js';
import { FakeApi, profileView } from './lib/testing/fake-api.js';

function fakeApi(profiles: ProfileView[] = [profileView()], secrets: SecretsState = {}) {
  return new FakeApi()
    .on('profiles:list', () => ({ profiles, secrets }))
    .on('profiles:checkUrl', ({ url }) => ({ url }))
    .on('session:login', () => ({ state: 'signed-in', kind: 'cookie' }))
    .on('session:info', () => ({
      username: 'tsadmin',
      displayName: 'Administrator',
      email: 'tsadmin@example.com',
      privileges: ['ADMINISTRATION'],
      currentOrg: { id: 0, name: 'Primary' },
      accountState: 'ACTIVE',
      kind: 'cookie',
      dialect: 'C',
    }))
    .on('audit:list', () => [
      {
        at: '2030-01-01T12:00:00.000Z',
        action: 'signed-in',
        profileId: 'p1',
        profile: 'Demo cluster',
        kind: 'cookie',
      },
    ])
    .on('secrets:useEncryptedFile', () => ({ location: 'an encrypted file' }));
}

describe('App', () => {
  it('moves from the list to sign-in to the session, focusing each screen’s heading', async () => {
    const api = fakeApi();
    render(App, { api });
    await fireEvent.click(await screen.findByRole('button', { name: 'Demo cluster' }));
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('heading', { name: 'Demo cluster', level: 1 }),
      ),
    );
    expect(screen.getByRole('tab', { name: 'Sign-in' }).getAttribute('aria-selected')).toBe('true');
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'admin' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByText('Administrator');
    expect(screen.getByRole('tab', { name: 'Session' }).getAttribute('aria-selected')).toBe('true');
    expect(document.body.textContent).toContain('tsadmin@example.com');
    // Nothing of the session is kept by the page itself.
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect(location.href).not.toContain('admin');
  });

  it('moves between tabs with the arrow keys', async () => {
    render(App, { api: fakeApi() });
    await fireEvent.click(await screen.findByRole('button', { name: 'Demo cluster' }));
    const first = screen.getByRole('tab', { name: 'Sign-in' });
    await fireEvent.keyDown(first, { key: 'ArrowRight' });
    await tick();
    const session = screen.getByRole('tab', { name: 'Session' });
    expect(session.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(session, { key: 'End' });
    expect(screen.getByRole('tab', { name: 'Token' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('button', { name: 'Go to sign-in' })).toBeTruthy();
  });

  it('opens the editor from "Add profile" and the activity log from the menu', async () => {
    render(App, { api: fakeApi() });
    await fireEvent.click(await screen.findByRole('button', { name: 'Add profile' }));
    expect(screen.getByRole('heading', { name: 'New profile' })).toBeTruthy();
    expect(screen.getByLabelText('Cluster URL')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Activity' }));
    expect(await screen.findByText('Signed in')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Activity' }).getAttribute('aria-current')).toBe(
      'page',
    );
  });

  it('shows the keychain banner and switches to the encrypted file when asked', async () => {
    const api = fakeApi([], {
      problem: { code: 'KEYCHAIN_UNAVAILABLE', cause: 'NO_DBUS', message: 'no D-Bus session' },
    });
    render(App, { api });
    await fireEvent.click(await screen.findByRole('button', { name: 'Use an encrypted file' }));
    await fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'pw' } });
    await fireEvent.input(screen.getByLabelText('Repeat passphrase'), { target: { value: 'pw' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Use encrypted file' }));
    await vi.waitFor(() =>
      expect(api.requests('secrets:useEncryptedFile')).toEqual([{ passphrase: 'pw' }]),
    );
  });
});
