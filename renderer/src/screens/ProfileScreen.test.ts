import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { TokenSummary } from '../lib/api.js';
import { apiContext } from '../lib/api-context.js';
import { Clock } from '../lib/clock.svelte.js';
import { ProfilesStore } from '../lib/profiles.svelte.js';
import { FakeApi, profileView } from '../lib/testing/fake-api.js';
import ProfileScreen from './ProfileScreen.svelte';

const expiresAt = Date.now() + 3_600_000;
const signedIn = { state: 'signed-in', kind: 'bearer', expiresAt } as const;
const summaryOf = (profileId: string): TokenSummary => ({
  createdAt: Date.now(),
  expiresAt,
  username: 'tsadmin',
  dialect: 'C',
  fingerprint: `fp-${profileId}`,
});

describe('ProfileScreen', () => {
  it('starts the panel afresh for another profile: nothing revealed for one shows for the next', async () => {
    const api = new FakeApi()
      .on('profiles:list', () => ({
        profiles: [
          profileView({ status: signedIn }),
          profileView({ id: 'p2', name: 'Staging', status: signedIn }),
        ],
        secrets: {},
      }))
      .on('session:getToken', ({ profileId }) => summaryOf(profileId))
      .on('session:revealToken', ({ profileId }) => ({ token: `token-of-${profileId}` }));
    const store = new ProfilesStore(api);
    await store.load();
    const props = {
      store,
      clock: new Clock(),
      tab: 'token' as const,
      onTab: vi.fn(),
      onEdit: vi.fn(),
      onBack: vi.fn(),
    };
    const view = render(ProfileScreen, {
      props: { ...props, profileId: 'p1' },
      context: apiContext(api),
    });
    await fireEvent.click(await screen.findByRole('button', { name: 'Reveal' }));
    await screen.findByText('token-of-p1');
    await view.rerender({ profileId: 'p2' });
    await screen.findByText('fp-p2', { selector: 'code' });
    expect(document.body.textContent).not.toContain('token-of-p1');
    expect(document.body.textContent).not.toContain('fp-p1');
    expect(api.requests('session:getToken').map((r) => r.profileId)).toEqual(['p1', 'p2']);
  });

  it('a browser sign-in opens the Session tab and says who signed in, and how', async () => {
    const api = new FakeApi()
      .on('profiles:list', () => ({
        profiles: [profileView({ auth: 'saml', username: '' })],
        secrets: {},
      }))
      .on('session:signInWithBrowser', () => ({
        status: signedIn,
        username: 'sso-user@example.com',
        via: 'SAML',
      }));
    const store = new ProfilesStore(api);
    await store.load();
    const onTab = vi.fn();
    render(ProfileScreen, {
      props: {
        store,
        clock: new Clock(),
        profileId: 'p1',
        tab: 'sign-in',
        onTab,
        onEdit: vi.fn(),
        onBack: vi.fn(),
      },
      context: apiContext(api),
    });
    // Until the cluster has named the user, the head says it will.
    expect(document.body.textContent).toContain('Username learned when you sign in ·');
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in with SSO' }));
    await vi.waitFor(() => expect(onTab).toHaveBeenCalledWith('session'));
    const note = await screen.findByText('Signed in as sso-user@example.com through SAML');
    expect(note.getAttribute('role')).toBe('status');
    expect(store.byId('p1')?.status).toEqual(signedIn);
  });
});
