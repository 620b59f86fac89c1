// The editor's org field, mounted in the editor it serves (its value is bound there and saved).
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ProfileView } from '../lib/api.js';
import { apiContext } from '../lib/api-context.js';
import { FakeApi, profileView } from '../lib/testing/fake-api.js';
import ProfileEditor from '../screens/ProfileEditor.svelte';

const PRIMARY = { id: 0, name: 'Primary' };
const SALES = { id: 1, name: 'Sales' };
const live = { state: 'signed-in', kind: 'bearer', expiresAt: Date.now() + 3_600_000 } as const;

function mount(profile: ProfileView) {
  const api = new FakeApi()
    .on('orgs:list', () => ({ current: PRIMARY, orgs: [PRIMARY, SALES] }))
    .on('profiles:checkUrl', ({ url }) => ({ url }))
    .on('profiles:save', ({ profileId, input }) =>
      profileView({ id: profileId ?? 'p1', name: input.name }),
    );
  render(ProfileEditor, {
    props: { profile, onSaved: vi.fn(), onCancel: vi.fn() },
    context: apiContext(api),
  });
  return api;
}

const savedOrg = async (api: FakeApi): Promise<unknown> => {
  await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await vi.waitFor(() => expect(api.requests('profiles:save')).toHaveLength(1));
  return api.requests('profiles:save')[0]?.input.org;
};

describe('OrgField', () => {
  it("offers the signed-in user's orgs, and the one chosen is saved by id", async () => {
    const api = mount(profileView({ status: live, org: 0 }));
    const select = await screen.findByRole<HTMLSelectElement>('combobox', { name: 'Org' });
    expect([...select.options].map((o) => o.textContent)).toEqual([
      "Default org (the user's own)",
      'Primary (0)',
      'Sales (1)',
      'Other id…',
    ]);
    expect(select.value).toBe('0');
    await fireEvent.change(select, { target: { value: '1' } });
    expect(screen.queryByLabelText('Org id')).toBeNull();
    expect(await savedOrg(api)).toBe(1);
  });

  it('"Other id…" keeps the number input, and an id not listed shows as other', async () => {
    const api = mount(profileView({ status: live, org: 7 }));
    const select = await screen.findByRole<HTMLSelectElement>('combobox', { name: 'Org' });
    expect(select.value).toBe('other');
    const input = screen.getByLabelText<HTMLInputElement>('Org id');
    expect(input.value).toBe('7');
    await fireEvent.input(input, { target: { value: '12' } });
    expect(await savedOrg(api)).toBe(12);
  });

  it('is the number input, asking nothing, when the profile is not signed in', () => {
    const api = mount(profileView({ org: 3 }));
    expect(screen.getByLabelText<HTMLInputElement>('Org id').value).toBe('3');
    expect(screen.queryByRole('combobox', { name: 'Org' })).toBeNull();
    expect(api.requests('orgs:list')).toEqual([]);
  });

  it('stays the number input when the cluster cannot list orgs', async () => {
    const api = new FakeApi().on('orgs:list', () => {
      throw new Error('no orgs here');
    });
    render(ProfileEditor, {
      props: { profile: profileView({ status: live }), onSaved: vi.fn(), onCancel: vi.fn() },
      context: apiContext(api),
    });
    await vi.waitFor(() => expect(api.requests('orgs:list')).toHaveLength(1));
    expect(screen.getByLabelText('Org id')).toBeTruthy();
  });
});
