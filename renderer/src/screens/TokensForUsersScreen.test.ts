import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { MintedSummary } from '../../../electron/ipc/contract.js';
import { apiContext } from '../lib/api-context.js';
import { Clock } from '../lib/clock.svelte.js';
import { apiError, FakeApi, profileView } from '../lib/testing/fake-api.js';
import TokensForUsersScreen from './TokensForUsersScreen.svelte';

const now = Date.now();
const summary = (overrides: Partial<MintedSummary> = {}): MintedSummary => ({
  mintId: '0b7c8a52-8d0e-4d5e-9a43-1f1f1f1f1f1f',
  user: 'embed-new',
  org: { id: 0, name: 'Primary' },
  kind: 'custom',
  scope: {
    access: 'CUSTOM',
    persist: 'REPLACE',
    filterRules: [
      { column: 'Region', operator: 'EQ', values: ['West'] },
      { column: 'Year', operator: 'BW', values: ['2020', '2024'] },
    ],
    parameters: [],
    variables: [],
  },
  createdAt: now,
  expiresAt: now + 300_000,
  fingerprint: 'abcdef012345',
  ...overrides,
});

function setup(initial: MintedSummary[] = []) {
  let history = initial;
  const api = new FakeApi()
    .on('tokens:mintedList', () => history)
    .on('tokens:mint', () => {
      history = [summary()];
      return summary();
    })
    .on('tokens:revealMinted', () => ({ token: 'the-minted-token' }))
    .on('tokens:copyMinted', () => ({ copiedBy: 'app', clearsAfterSeconds: 30 }))
    .on('tokens:revokeForUser', ({ user }) => {
      history = history.map((e) => ({ ...e, revokedAt: Date.now() }));
      return { user, forgotten: 1 };
    });
  render(TokensForUsersScreen, {
    props: { profile: profileView({ auth: 'secret-key' }), clock: new Clock() },
    context: apiContext(api),
  });
  return { api };
}

const field = (label: string) => screen.getByLabelText(label, { exact: true });
const type = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });

async function fillCustomWithTwoRules(): Promise<void> {
  await type('User', 'embed-new');
  await fireEvent.click(screen.getByLabelText(/^Custom/));
  await fireEvent.click(screen.getByRole('button', { name: 'Add filter rule' }));
  await fireEvent.click(screen.getByRole('button', { name: 'Add filter rule' }));
  await type('Filter rule 1 column', 'Region');
  await type('Filter rule 1 values', 'West');
  await type('Filter rule 2 column', 'Year');
  await fireEvent.change(field('Filter rule 2 operator'), { target: { value: 'BW' } });
  await type('Filter rule 2 values', '2020, 2024');
}

describe('TokensForUsersScreen', () => {
  it('sends a custom token’s fields only, rules as typed, and the persist choice', async () => {
    const { api } = setup();
    await fillCustomWithTwoRules();
    await fireEvent.click(screen.getByLabelText(/^REPLACE/));
    await fireEvent.click(screen.getByRole('button', { name: 'Mint' }));
    await vi.waitFor(() => expect(api.requests('tokens:mint')).toHaveLength(1));
    expect(api.requests('tokens:mint')[0]).toEqual({
      profileId: 'p1',
      user: 'embed-new',
      kind: 'custom',
      filterRules: [
        { column: 'Region', operator: 'EQ', values: 'West' },
        { column: 'Year', operator: 'BW', values: '2020, 2024' },
      ],
      persist: 'REPLACE',
    });
  });

  it('offers every operator by ThoughtSpot’s name, and removes a row from the keyboard', async () => {
    setup();
    await fireEvent.click(screen.getByLabelText(/^Custom/));
    await fireEvent.click(screen.getByRole('button', { name: 'Add filter rule' }));
    const options = within(field('Filter rule 1 operator')).getAllByRole('option');
    expect(options.map((o) => (o as HTMLOptionElement).value)).toEqual([
      'EQ',
      'NE',
      'LT',
      'LE',
      'GT',
      'GE',
      'IN',
      'NOT_IN',
      'BW',
      'BW_INC',
      'BW_INC_MIN',
      'BW_INC_MAX',
      'CONTAINS',
      'BEGINS_WITH',
      'ENDS_WITH',
      'LIKE',
    ]);
    // A new row's first control has focus; removing it leaves focus on Add.
    expect(document.activeElement).toBe(field('Filter rule 1 column'));
    await fireEvent.click(screen.getByRole('button', { name: 'Remove filter rule 1' }));
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add filter rule' })),
    );
    expect(screen.queryByLabelText('Filter rule 1 column')).toBe(null);
  });

  it('shows core’s error at the field it names, and moves focus there', async () => {
    const { api } = setup();
    api.on('tokens:mint', () => {
      throw apiError('INVALID_INPUT', 'Filter rule 2: BW takes two values (a range)', {
        field: 'filterRules.1',
      });
    });
    await fillCustomWithTwoRules();
    await fireEvent.click(screen.getByLabelText(/^REPLACE/));
    await fireEvent.click(screen.getByRole('button', { name: 'Mint' }));
    const values = field('Filter rule 2 values');
    await vi.waitFor(() => expect(values.getAttribute('aria-invalid')).toBe('true'));
    const hint = document.getElementById(values.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe('Filter rule 2: BW takes two values (a range)');
    await vi.waitFor(() => expect(document.activeElement).toBe(values));
    expect(field('Filter rule 1 values').getAttribute('aria-invalid')).toBe(null);
  });

  it('shows a plain field’s error under it (the user)', async () => {
    const { api } = setup();
    api.on('tokens:mint', () => {
      throw apiError('INVALID_INPUT', 'User: is empty', { field: 'user' });
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Mint' }));
    await vi.waitFor(() => expect(field('User').getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('tfu-user-hint')?.textContent).toBe('User: is empty');
    await vi.waitFor(() => expect(document.activeElement).toBe(field('User')));
  });

  it('shows the result masked, with the fingerprint apart; the token only on Reveal', async () => {
    const { api } = setup();
    await type('User', 'embed-new');
    await fireEvent.click(screen.getByRole('button', { name: 'Mint' }));
    const card = await screen.findByRole('region', { name: 'Token for embed-new' });
    const text = card.textContent.replace(/\s+/g, ' ');
    expect(text).toContain('Fingerprint abcdef012345');
    expect(text).toContain('Custom: 2 filter rules, kept for embed-new (REPLACE)');
    expect(text).toContain('Region EQ West');
    expect(text).toContain('Primary (0)');
    expect(document.body.textContent).not.toContain('the-minted-token');
    await fireEvent.click(within(card).getByRole('button', { name: 'Reveal' }));
    await within(card).findByText('the-minted-token');
    expect(api.requests('tokens:revealMinted')).toEqual([{ mintId: summary().mintId }]);
    await fireEvent.click(within(card).getByRole('button', { name: 'Hide' }));
    expect(document.body.textContent).not.toContain('the-minted-token');
  });

  it('copies in three formats from the main process, without revealing', async () => {
    const { api } = setup();
    await type('User', 'embed-new');
    await fireEvent.click(screen.getByRole('button', { name: 'Mint' }));
    const card = await screen.findByRole('region', { name: 'Token for embed-new' });
    for (const name of ['Copy token', 'Copy as curl', 'Copy as SDK snippet']) {
      await fireEvent.click(within(card).getByRole('button', { name }));
      await vi.waitFor(() =>
        expect(within(card).getByRole('status').textContent).toContain('cleared in 30 s'),
      );
    }
    expect(within(card).getByRole('status').textContent).toContain(
      'Copied a Visual Embed SDK snippet.',
    );
    expect(api.requests('tokens:copyMinted').map((r) => r.format)).toEqual([
      'token',
      'curl',
      'sdk',
    ]);
    expect(api.requests('tokens:revealMinted')).toHaveLength(0);
  });

  it('revokes a user’s tokens from the history only after a confirmation', async () => {
    const { api } = setup([summary()]);
    await type('User', 'embed-new');
    await fireEvent.click(screen.getByRole('button', { name: 'Mint' }));
    await screen.findByText('abcdef012345', { selector: 'td code' });
    await fireEvent.click(screen.getByRole('button', { name: 'Revoke the tokens of embed-new' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke every token of embed-new?' });
    expect(dialog.textContent.replace(/\s+/g, ' ')).toContain(
      'The cluster will refuse every token of embed-new from now on',
    );
    expect(dialog.textContent).toContain('“Demo cluster”, which must be an administrator’s');
    expect(api.requests('tokens:revokeForUser')).toHaveLength(0);
    await fireEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke tokens of embed-new' }),
    );
    await screen.findByText('The cluster refuses every token of embed-new from now on.');
    expect(api.requests('tokens:revokeForUser')).toEqual([{ profileId: 'p1', user: 'embed-new' }]);
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBe(null));
    // The result and the history both say so; the result offers nothing to copy any more.
    const card = screen.getByRole('region', { name: 'Token for embed-new' });
    expect(within(card).getByRole('button', { name: 'Reveal' }).hasAttribute('disabled')).toBe(
      true,
    );
    expect(screen.getAllByText('Revoked').length).toBe(2);
  });

  it('says a refused revocation in plain words (not an administrator)', async () => {
    const { api } = setup([summary()]);
    api.on('tokens:revokeForUser', () => {
      throw apiError('FORBIDDEN', 'Only an administrator may revoke the tokens of embed-new');
    });
    await fireEvent.click(
      await screen.findByRole('button', { name: 'Revoke the tokens of embed-new' }),
    );
    const dialog = screen.getByRole('dialog');
    await fireEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke tokens of embed-new' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not allowed');
    expect(alert.textContent).toContain('Only an administrator may revoke the tokens of embed-new');
  });
});
