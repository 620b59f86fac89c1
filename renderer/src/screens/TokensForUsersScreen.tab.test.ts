import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ProfileView } from '../lib/api.js';
import { apiContext } from '../lib/api-context.js';
import { Clock } from '../lib/clock.svelte.js';
import type { ProfileTab } from '../lib/navigation.svelte.js';
import { ProfilesStore } from '../lib/profiles.svelte.js';
import { FakeApi, profileView } from '../lib/testing/fake-api.js';
import ProfileScreen from './ProfileScreen.svelte';

async function mount(profile: ProfileView, tab: ProfileTab = 'sign-in') {
  const api = new FakeApi()
    .on('profiles:list', () => ({ profiles: [profile], secrets: {} }))
    .on('tokens:mintedList', () => []);
  const store = new ProfilesStore(api);
  await store.load();
  const onTab = vi.fn();
  render(ProfileScreen, {
    props: {
      store,
      clock: new Clock(),
      profileId: 'p1',
      tab,
      onTab,
      onEdit: vi.fn(),
      onBack: vi.fn(),
    },
    context: apiContext(api),
  });
  return { api, onTab };
}

describe('the "Tokens for users" tab', () => {
  it('is there for a secret-key profile, last, and reachable with the arrow keys', async () => {
    const { onTab } = await mount(profileView({ auth: 'secret-key' }));
    const tabs = screen.getAllByRole('tab').map((t) => t.textContent);
    expect(tabs).toEqual(['Sign-in', 'Session', 'Token', 'Tokens for users']);
    await fireEvent.keyDown(screen.getByRole('tab', { name: 'Sign-in' }), { key: 'End' });
    expect(onTab).toHaveBeenCalledWith('tokens-for-users');
  });

  it('opens the form, which reads this run’s history of the profile', async () => {
    const { api } = await mount(profileView({ auth: 'secret-key' }), 'tokens-for-users');
    expect(await screen.findByRole('heading', { name: 'Tokens for users' })).toBeTruthy();
    expect(screen.getByLabelText('Org (name or id)', { exact: true })).toBeTruthy();
    await vi.waitFor(() =>
      expect(api.requests('tokens:mintedList')).toEqual([{ profileId: 'p1' }]),
    );
  });

  it('is not there for a password profile, and its route shows no form', async () => {
    const { api } = await mount(profileView({ auth: 'password' }), 'tokens-for-users');
    expect(screen.queryByRole('tab', { name: 'Tokens for users' })).toBe(null);
    expect(screen.queryByRole('button', { name: 'Mint' })).toBe(null);
    expect(api.requests('tokens:mintedList')).toEqual([]);
  });
});
