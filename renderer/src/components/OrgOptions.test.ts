// The org suggestions of the Tokens for users form, and the Session tab's org line by name.
import { render } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { apiContext } from '../lib/api-context.js';
import { FakeApi, profileView } from '../lib/testing/fake-api.js';
import OrgFact from './OrgFact.svelte';
import OrgOptions from './OrgOptions.svelte';

const PRIMARY = { id: 0, name: 'Primary' };
const SALES = { id: 1, name: 'Sales' };
const live = { state: 'signed-in', kind: 'cookie' } as const;
const listing = () =>
  new FakeApi().on('orgs:list', () => ({ current: PRIMARY, orgs: [PRIMARY, SALES] }));

describe('OrgOptions', () => {
  it("suggests the signed-in profile user's orgs by name", async () => {
    const { container } = render(OrgOptions, {
      props: { id: 'orgs', profile: profileView({ status: live }) },
      context: apiContext(listing()),
    });
    await vi.waitFor(() => expect(container.querySelectorAll('option')).toHaveLength(2));
    const options = [...container.querySelectorAll('datalist#orgs option')];
    expect(options.map((o) => [o.getAttribute('value'), o.textContent])).toEqual([
      ['Primary', 'Primary (0)'],
      ['Sales', 'Sales (1)'],
    ]);
  });

  it('suggests nothing, asking nothing, without a session', () => {
    const api = listing();
    const { container } = render(OrgOptions, {
      props: { id: 'orgs', profile: profileView() },
      context: apiContext(api),
    });
    expect(container.querySelectorAll('option')).toHaveLength(0);
    expect(api.requests('orgs:list')).toEqual([]);
  });
});

describe('OrgFact', () => {
  it('names the org from the list when the session info gave only its id', async () => {
    const api = listing();
    const { container } = render(OrgFact, {
      props: { profile: profileView({ status: live }), org: { id: 1 } },
      context: apiContext(api),
    });
    await vi.waitFor(() => expect(container.querySelector('dd')?.textContent).toBe('Sales (1)'));
  });

  it('uses the name the session info gave, asking nothing more', () => {
    const api = listing();
    const { container } = render(OrgFact, {
      props: { profile: profileView({ status: live }), org: { id: 1, name: 'Sales' } },
      context: apiContext(api),
    });
    expect(container.querySelector('dd')?.textContent).toBe('Sales (1)');
    expect(api.requests('orgs:list')).toEqual([]);
  });
});
