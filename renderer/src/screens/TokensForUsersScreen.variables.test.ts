// Formula variables (ThoughtSpot 10.14+) in the "Tokens for users" form: a third rule table, sent
// as typed, with core's errors shown at the row they name.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { apiContext } from '../lib/api-context.js';
import { Clock } from '../lib/clock.svelte.js';
import { apiError, FakeApi, profileView } from '../lib/testing/fake-api.js';
import TokensForUsersScreen from './TokensForUsersScreen.svelte';

function setup() {
  const api = new FakeApi()
    .on('tokens:mintedList', () => [])
    .on('tokens:mint', () => {
      throw apiError('INVALID_INPUT', 'not wired in this test');
    });
  render(TokensForUsersScreen, {
    props: { profile: profileView({ auth: 'secret-key' }), clock: new Clock() },
    context: apiContext(api),
  });
  return { api };
}

const field = (label: string) => screen.getByLabelText(label, { exact: true });
const type = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });
const variables = () => screen.getByRole('group', { name: 'Variables' });

async function customWithTwoVariables(): Promise<void> {
  await type('User', 'embed-new');
  await fireEvent.click(screen.getByLabelText(/^Custom/));
  await fireEvent.click(screen.getByRole('button', { name: 'Add variable' }));
  await fireEvent.click(screen.getByRole('button', { name: 'Add variable' }));
  await type('Variable 1 name', 'region_var');
  await type('Variable 1 values', 'West, North\\, East');
  await type('Variable 2 name', 'tier');
  await type('Variable 2 values', 'gold');
  await fireEvent.click(screen.getByLabelText(/^APPEND/));
}

describe('TokensForUsersScreen: variables', () => {
  it('offers a Variables table for custom tokens, saying they need 10.14, without operators', async () => {
    setup();
    expect(screen.queryByRole('group', { name: 'Variables' })).toBe(null);
    await fireEvent.click(screen.getByLabelText(/^Custom/));
    const group = variables();
    expect(group.getAttribute('aria-describedby')).toBe('tfu-var-hint');
    expect(document.getElementById('tfu-var-hint')?.textContent).toContain(
      'ThoughtSpot 10.14 or later',
    );
    await fireEvent.click(within(group).getByRole('button', { name: 'Add variable' }));
    expect(
      within(group)
        .getAllByRole('columnheader')
        .map((h) => h.textContent.trim()),
    ).toEqual(['Name', 'Values (separated by commas)', 'Remove']);
    expect(within(group).queryByRole('combobox')).toBe(null);
    expect(document.activeElement).toBe(field('Variable 1 name'));
  });

  it('adds and removes rows; focus stays in the table', async () => {
    setup();
    await customWithTwoVariables();
    await fireEvent.click(screen.getByRole('button', { name: 'Remove variable 1' }));
    // The second row took the first one's place, and has focus.
    await vi.waitFor(() => expect(document.activeElement).toBe(field('Variable 1 name')));
    expect((field('Variable 1 name') as HTMLInputElement).value).toBe('tier');
    expect(screen.queryByLabelText('Variable 2 name')).toBe(null);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove variable 1' }));
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add variable' })),
    );
    expect(screen.queryByLabelText('Variable 1 name')).toBe(null);
  });

  it('sends the variables as typed with the custom token, and not with another kind', async () => {
    const { api } = setup();
    await customWithTwoVariables();
    await fireEvent.click(screen.getByRole('button', { name: 'Mint' }));
    await vi.waitFor(() => expect(api.requests('tokens:mint')).toHaveLength(1));
    expect(api.requests('tokens:mint')[0]).toEqual({
      profileId: 'p1',
      user: 'embed-new',
      kind: 'custom',
      variables: [
        { name: 'region_var', values: 'West, North\\, East' },
        { name: 'tier', values: 'gold' },
      ],
      persist: 'APPEND',
    });
    await fireEvent.click(screen.getByLabelText(/^Full/));
    await fireEvent.click(screen.getByRole('button', { name: 'Mint' }));
    await vi.waitFor(() => expect(api.requests('tokens:mint')).toHaveLength(2));
    expect(api.requests('tokens:mint')[1]).not.toHaveProperty('variables');
  });

  it('shows core’s error at the variable row it names, and moves focus there', async () => {
    const { api } = setup();
    api.on('tokens:mint', () => {
      throw apiError('INVALID_INPUT', 'Variable 2, values: contains control characters', {
        field: 'variables.1.values.0',
      });
    });
    await customWithTwoVariables();
    await fireEvent.click(screen.getByRole('button', { name: 'Mint' }));
    const values = field('Variable 2 values');
    await vi.waitFor(() => expect(values.getAttribute('aria-invalid')).toBe('true'));
    const hint = document.getElementById(values.getAttribute('aria-describedby') ?? '');
    expect(hint?.id).toBe('tfu-var-problem');
    expect(hint?.textContent).toBe('Variable 2, values: contains control characters');
    expect(within(variables()).getByText(/contains control characters/)).toBe(hint);
    await vi.waitFor(() => expect(document.activeElement).toBe(values));
    expect(field('Variable 1 values').getAttribute('aria-invalid')).toBe(null);
    expect(field('Variable 2 name').getAttribute('aria-invalid')).toBe(null);
  });

  it('puts a name’s error on the name box', async () => {
    const { api } = setup();
    api.on('tokens:mint', () => {
      throw apiError('INVALID_INPUT', 'Variable 1, name: is empty', { field: 'variables.0.name' });
    });
    await customWithTwoVariables();
    await fireEvent.click(screen.getByRole('button', { name: 'Mint' }));
    const name = field('Variable 1 name');
    await vi.waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    await vi.waitFor(() => expect(document.activeElement).toBe(name));
  });

  it('lists on the minted card each parameter and variable kept, as it lists filter rules', async () => {
    const { api } = setup();
    api.on('tokens:mint', () => ({
      mintId: '5d1e3c2a-0000-4000-8000-000000000001',
      user: 'embed-new',
      kind: 'custom',
      scope: {
        access: 'CUSTOM',
        persist: 'APPEND',
        filterRules: [],
        parameters: [{ name: 'Discount', values: ['0.1'] }],
        variables: [
          { name: 'region_var', values: ['West', 'North, East'] },
          { name: 'tier', values: ['C:\\gold'] },
        ],
      },
      createdAt: Date.now(),
      expiresAt: Date.now() + 300_000,
      fingerprint: 'abcdef012345',
    }));
    await customWithTwoVariables();
    await fireEvent.click(screen.getByRole('button', { name: 'Mint' }));
    const card = await screen.findByRole('region', { name: 'Token for embed-new' });
    const lines = (name: string) =>
      within(within(card).getByRole('list', { name }))
        .getAllByRole('listitem')
        .map((li) => li.textContent);
    expect(lines('Variables kept for embed-new')).toEqual([
      'region_var = West, North\\, East',
      'tier = C:\\\\gold',
    ]);
    expect(lines('Parameters kept for embed-new')).toEqual(['Discount = 0.1']);
    expect(
      within(card).queryByRole('list', { name: 'Filter rules kept for embed-new' }),
    ).toBeNull();
    expect(card.textContent).toContain(
      'Custom: 1 parameter, 2 variables, kept for embed-new (APPEND)',
    );
  });
});
