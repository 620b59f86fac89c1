import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
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

/** Two profiles, neither the default: the window opens on the list. */
const twoProfiles = () => [
  profileView({ isDefault: false }),
  profileView({ id: 'p2', name: 'Staging', isDefault: false }),
];

describe('App', () => {
  it('opens on the default profile’s sign-in form once the list is in, never drawing the list', async () => {
    const api = fakeApi([
      profileView({ id: 'p2', name: 'Staging', isDefault: false }),
      profileView(),
    ]);
    const seen: string[] = [];
    const observer = new MutationObserver((records) => {
      // Every heading ever added, even one replaced before this callback ran.
      for (const node of records.flatMap((r) => [...r.addedNodes])) {
        if (!(node instanceof Element)) continue;
        for (const h1 of [node, ...node.querySelectorAll('h1')].filter((e) => e.tagName === 'H1'))
          seen.push(h1.textContent ?? '');
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    render(App, { api });
    await screen.findByRole('heading', { name: 'Demo cluster', level: 1 });
    observer.disconnect();
    expect(seen).not.toContain('Profiles');
    expect(screen.getByRole('tab', { name: 'Sign-in' }).getAttribute('aria-selected')).toBe('true');
    // The first screen is where the window starts, not a move: focus stays put.
    expect(document.activeElement).toBe(document.body);
  });

  it('starts from a prerendered list at once, without waiting for its own', () => {
    const api = new FakeApi().on('profiles:list', () => new Promise<never>(() => undefined));
    render(App, { api, first: { profiles: twoProfiles(), secrets: {} } });
    expect(screen.getByRole('heading', { name: 'Profiles', level: 1 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Staging' })).toBeTruthy();
  });

  it('moves from the list to sign-in to the session, focusing each screen’s heading', async () => {
    const api = fakeApi(twoProfiles());
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
    const first = await screen.findByRole('tab', { name: 'Sign-in' });
    await fireEvent.keyDown(first, { key: 'ArrowRight' });
    await tick();
    const session = screen.getByRole('tab', { name: 'Session' });
    expect(session.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(session, { key: 'End' });
    const token = screen.getByRole('tab', { name: 'Token' });
    expect(token.getAttribute('aria-selected')).toBe('true');
    // The Token tab loads on demand; focus stays on its tab meanwhile and after.
    expect(await screen.findByRole('button', { name: 'Go to sign-in' })).toBeTruthy();
    expect(document.activeElement).toBe(token);
  });

  it('opens the editor from "Add profile" and the activity log from the menu', async () => {
    render(App, { api: fakeApi(twoProfiles()) });
    await fireEvent.click(await screen.findByRole('button', { name: 'Add profile' }));
    // Both screens load on demand: their headings take focus once they have come.
    const heading = await screen.findByRole('heading', { name: 'New profile' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByLabelText('Cluster URL')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Activity' }));
    expect(await screen.findByText('Signed in')).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Activity' })),
    );
    expect(screen.getByRole('button', { name: 'Activity' }).getAttribute('aria-current')).toBe(
      'page',
    );
  });

  it('shows the keychain banner and switches to the encrypted file when asked', async () => {
    const api = fakeApi([], {
      problem: {
        code: 'KEYCHAIN_UNAVAILABLE',
        cause: 'NO_DBUS',
        message: 'no D-Bus session',
        canUseEncryptedFile: true,
      },
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
