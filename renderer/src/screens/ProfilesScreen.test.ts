import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ProfileView } from '../lib/api.js';
import { apiContext } from '../lib/api-context.js';
import { Clock } from '../lib/clock.svelte.js';
import { ProfilesStore } from '../lib/profiles.svelte.js';
import { FakeApi, profileView } from '../lib/testing/fake-api.js';
import ProfilesScreen from './ProfilesScreen.svelte';

async function setup(profiles: ProfileView[]) {
  const api = new FakeApi()
    .on('profiles:list', () => ({ profiles, secrets: {} }))
    .on('profiles:remove', () => ({ removed: 'Staging' }))
    .on('profiles:duplicate', () => profileView({ id: 'p3', name: 'Staging (copy)' }))
    .on('profiles:setDefault', ({ profileId }) => ({ defaultProfileId: profileId }));
  const store = new ProfilesStore(api);
  await store.load();
  const onOpen = vi.fn();
  const onEdit = vi.fn();
  render(ProfilesScreen, {
    props: { store, clock: new Clock(), onOpen, onEdit },
    context: apiContext(api),
  });
  return { api, onOpen, onEdit };
}

describe('ProfilesScreen', () => {
  it('offers the demo cluster when there is no profile', async () => {
    await setup([]);
    expect(screen.getByRole('heading', { name: 'No profiles yet' })).toBeTruthy();
    expect(document.body.textContent).toContain('--demo');
    expect(screen.getByRole('button', { name: 'Add profile' })).toBeTruthy();
  });

  it('lists each profile with its state and live time left', async () => {
    await setup([
      profileView({
        status: { state: 'signed-in', kind: 'bearer', expiresAt: Date.now() + 299_500 },
      }),
      profileView({ id: 'p2', name: 'Staging', isDefault: false, status: { state: 'revoked' } }),
    ]);
    const [demo, staging] = screen.getAllByRole('listitem');
    expect(within(demo!).getByText('Signed in')).toBeTruthy();
    expect(within(demo!).getByText('Default')).toBeTruthy();
    expect(demo!.querySelector('.time-left')?.textContent).toMatch(/0[45]:\d\d/);
    expect(within(staging!).getByText('Revoked')).toBeTruthy();
    expect(staging!.querySelector('.time-left')).toBe(null);
  });

  it('a failed sign-in reads "Signed out" with a short reason, not a bare "Error"', async () => {
    const problem = { code: 'AUTH_FAILED' as const, message: 'Wrong username or password' };
    await setup([profileView({ status: { state: 'signed-out', problem } })]);
    const [item] = screen.getAllByRole('listitem');
    expect(item!.querySelector('.badge')?.textContent).toBe('Signed out');
    expect(within(item!).getByText('Sign-in refused').getAttribute('title')).toBe(problem.message);
    expect(within(item!).queryByText('Error')).toBe(null);
  });

  it('opens, edits, duplicates and makes default through named buttons', async () => {
    const { api, onOpen, onEdit } = await setup([
      profileView(),
      profileView({ id: 'p2', name: 'Staging', isDefault: false }),
    ]);
    await fireEvent.click(screen.getByRole('button', { name: 'Staging' }));
    expect(onOpen).toHaveBeenCalledWith('p2');
    await fireEvent.click(screen.getByRole('button', { name: 'Edit Staging' }));
    expect(onEdit).toHaveBeenCalledWith('p2');
    await fireEvent.click(screen.getByRole('button', { name: 'Add profile' }));
    expect(onEdit).toHaveBeenCalledWith(undefined);
    await fireEvent.click(screen.getByRole('button', { name: 'Duplicate Staging' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Make default: Staging' }));
    await vi.waitFor(() => expect(api.requests('profiles:setDefault')).toHaveLength(1));
    expect(api.requests('profiles:duplicate')).toEqual([{ profileId: 'p2' }]);
    expect(screen.queryByRole('button', { name: 'Make default: Demo cluster' })).toBe(null);
  });

  it('removes only after a confirmation naming what is forgotten', async () => {
    const { api } = await setup([profileView({ id: 'p2', name: 'Staging' })]);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove Staging' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove “Staging”?' });
    expect(dialog.textContent).toContain('the keychain forgets its token, cookies');
    expect(api.requests('profiles:remove')).toHaveLength(0);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Remove profile' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBe(null));
    expect(api.requests('profiles:remove')).toEqual([{ profileId: 'p2' }]);
  });
});
