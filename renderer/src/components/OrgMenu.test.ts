import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ProfileView } from '../lib/api.js';
import { apiContext } from '../lib/api-context.js';
import { apiError, FakeApi, profileView } from '../lib/testing/fake-api.js';
import OrgMenu from './OrgMenu.svelte';

const PRIMARY = { id: 0, name: 'Primary' };
const SALES = { id: 1, name: 'Sales' };
const live = { state: 'signed-in', kind: 'bearer', expiresAt: Date.now() + 3_600_000 } as const;

function mount(api: FakeApi, profile: ProfileView = profileView({ status: live, org: 0 })) {
  const onSignIn = vi.fn();
  const onSwitched = vi.fn();
  const view = render(OrgMenu, {
    props: { profile, onSignIn, onSwitched },
    context: apiContext(api),
  });
  return { view, onSignIn, onSwitched };
}

const twoOrgs = () =>
  new FakeApi().on('orgs:list', () => ({ current: PRIMARY, orgs: [PRIMARY, SALES] }));

const menuButton = () => screen.findByRole('button', { name: /Org: Primary/ });

describe('OrgMenu', () => {
  it('is a menu button of the orgs, the current one checked', async () => {
    mount(twoOrgs());
    const button = await menuButton();
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const items = screen.getAllByRole('menuitemradio');
    expect(
      items.map((i) => [
        i.textContent?.replace(/\s+/g, ' ').trim(),
        i.getAttribute('aria-checked'),
      ]),
    ).toEqual([
      ['✓ Primary (0)', 'true'],
      ['Sales (1)', 'false'],
    ]);
    expect(document.activeElement).toBe(items[0]);
  });

  it('works from the keyboard: Enter opens, arrows move, Escape closes and focus returns', async () => {
    mount(twoOrgs());
    const button = await menuButton();
    button.focus();
    await fireEvent.keyDown(button, { key: 'Enter' });
    const items = await screen.findAllByRole('menuitemradio');
    expect(document.activeElement).toBe(items[0]);
    await fireEvent.keyDown(items[0] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    await fireEvent.keyDown(items[1] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement, 'wraps around').toBe(items[0]);
    await fireEvent.keyDown(items[0] as HTMLElement, { key: 'End' });
    expect(document.activeElement).toBe(items[1]);
    await fireEvent.keyDown(items[1] as HTMLElement, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    await fireEvent.keyDown(button, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(screen.getAllByRole('menuitemradio')[1]);
  });

  it('switches with Space on an org, shows progress, then says a new token was issued', async () => {
    let finish: (view: ProfileView) => void = () => undefined;
    const api = twoOrgs().on(
      'orgs:switch',
      () => new Promise<ProfileView>((resolve) => (finish = resolve)),
    );
    const { onSwitched } = mount(api);
    const button = await menuButton();
    await fireEvent.keyDown(button, { key: 'ArrowUp' });
    await fireEvent.keyDown(screen.getAllByRole('menuitemradio')[1] as HTMLElement, { key: ' ' });
    expect(api.requests('orgs:switch')).toEqual([{ profileId: 'p1', org: '1' }]);
    expect(await screen.findByText('Switching org…')).toBeTruthy();
    expect(document.activeElement).toBe(button);
    const after = profileView({ status: { ...live, expiresAt: live.expiresAt + 1 }, org: 1 });
    finish(after);
    expect(await screen.findByText('Now in Sales; a new token was issued.')).toBeTruthy();
    expect(onSwitched).toHaveBeenCalledWith(after);
    expect(await screen.findByRole('button', { name: /Org: Sales/ })).toBeTruthy();
  });

  it('says no token was issued when the session is a cookie session', async () => {
    const api = twoOrgs().on('orgs:switch', () =>
      profileView({ status: { state: 'signed-in', kind: 'cookie' }, org: 1 }),
    );
    mount(api);
    await fireEvent.click(await menuButton());
    await fireEvent.click(screen.getAllByRole('menuitemradio')[1] as HTMLElement);
    expect(
      await screen.findByText(
        'Now in Sales; the session is a cookie session, so no token was issued.',
      ),
    ).toBeTruthy();
  });

  it('choosing the current org asks nothing', async () => {
    const api = twoOrgs();
    mount(api);
    await fireEvent.click(await menuButton());
    await fireEvent.click(screen.getAllByRole('menuitemradio')[0] as HTMLElement);
    expect(api.requests('orgs:switch')).toEqual([]);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('shows the NOT_SIGNED_IN message with a Sign in action', async () => {
    const message =
      '"Demo cluster" now signs in to org Sales (1), but moving its session there needs a new sign-in and no password is remembered for it; sign in again';
    const api = twoOrgs().on('orgs:switch', () => {
      throw apiError('NOT_SIGNED_IN', message);
    });
    const { onSignIn } = mount(api);
    await fireEvent.click(await menuButton());
    await fireEvent.click(screen.getAllByRole('menuitemradio')[1] as HTMLElement);
    expect((await screen.findByRole('alert')).textContent).toContain(message);
    expect(screen.queryByText(/Now in/)).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onSignIn).toHaveBeenCalled();
  });

  it('is plain text with one org, and the id when not signed in (nothing asked)', async () => {
    const one = new FakeApi().on('orgs:list', () => ({ current: PRIMARY, orgs: [PRIMARY] }));
    mount(one);
    expect(await screen.findByText('Org: Primary')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    document.body.innerHTML = '';

    const api = twoOrgs();
    mount(api, profileView({ org: 1 }));
    expect(await screen.findByText('Org: org 1')).toBeTruthy();
    expect(api.requests('orgs:list')).toEqual([]);
  });

  it('reads its list again on an orgs event for its profile (a switch from the tray or tsm)', async () => {
    let current = PRIMARY;
    const api = new FakeApi().on('orgs:list', () => ({ current, orgs: [PRIMARY, SALES] }));
    const { view } = mount(api);
    await menuButton();
    expect(api.requests('orgs:list')).toHaveLength(1);

    current = SALES;
    api.emit({ type: 'orgs', profileId: 'another' });
    api.emit({ type: 'session', profileId: 'p1', status: live });
    await Promise.resolve();
    expect(api.requests('orgs:list'), 'not for another profile or event').toHaveLength(1);

    api.emit({ type: 'orgs', profileId: 'p1' });
    expect(await screen.findByRole('button', { name: /Org: Sales/ })).toBeTruthy();
    expect(api.requests('orgs:list')).toEqual([{ profileId: 'p1' }, { profileId: 'p1' }]);
    view.unmount();
    expect(api.listenerCount, 'stops listening when it goes').toBe(0);
  });

  it('asks nothing on an orgs event while the profile is signed out', async () => {
    const api = twoOrgs();
    mount(api, profileView({ org: 1 }));
    expect(await screen.findByText('Org: org 1')).toBeTruthy();
    api.emit({ type: 'orgs', profileId: 'p1' });
    await Promise.resolve();
    expect(api.requests('orgs:list')).toEqual([]);
  });
});
