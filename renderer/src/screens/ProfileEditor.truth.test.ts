import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ProfileView } from '../lib/api.js';
import { apiContext } from '../lib/api-context.js';
import { FakeApi, profileView } from '../lib/testing/fake-api.js';
import ProfileEditor from './ProfileEditor.svelte';

// Issue 15: an empty save named only the URL, at the bottom; 90 s showed as "2" and saved as 120;
// the error under a minutes field spoke seconds; there was no Delete.
function setup(profile?: ProfileView) {
  const api = new FakeApi()
    .on('profiles:checkUrl', ({ url }) => ({ url }))
    .on('profiles:save', ({ profileId, input }) =>
      profileView({ id: profileId ?? 'new1', name: input.name, url: input.url }),
    )
    .on('profiles:remove', () => ({ removed: 'Demo cluster' }));
  const onSaved = vi.fn();
  const onDeleted = vi.fn();
  render(ProfileEditor, {
    props: { profile, onSaved, onCancel: vi.fn(), onDeleted },
    context: apiContext(api),
  });
  return { api, onSaved, onDeleted };
}

const field = (label: string) => screen.getByLabelText<HTMLInputElement>(label);
const messageOf = (input: HTMLElement) =>
  document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent ?? '';

describe('ProfileEditor tells the truth', () => {
  it('an empty save names every invalid field at the field, and focuses the first', async () => {
    const { api } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    for (const [label, says] of [
      ['Name', 'Enter a name'],
      ['Cluster URL', 'Enter the address'],
      ['Username', 'Enter your username'],
    ] as const) {
      expect(field(label).getAttribute('aria-invalid')).toBe('true');
      expect(messageOf(field(label))).toContain(says);
    }
    await vi.waitFor(() => expect(document.activeElement).toBe(field('Name')));
    expect(api.requests('profiles:save')).toEqual([]);
  });

  it('names a new profile after its cluster’s host until a name is typed', async () => {
    setup();
    await fireEvent.input(field('Cluster URL'), {
      target: { value: 'https://acme.thoughtspot.cloud' },
    });
    expect(field('Name').value).toBe('acme');
    await fireEvent.input(field('Name'), { target: { value: 'Acme prod' } });
    await fireEvent.input(field('Cluster URL'), { target: { value: 'https://other.example.com' } });
    expect(field('Name').value).toBe('Acme prod');
  });

  it('shows 90 s as 90 seconds and saves it as 90 when untouched', async () => {
    const { api, onSaved } = setup(profileView({ validitySeconds: 90 }));
    expect(field('Token validity').value).toBe('90');
    expect(field('Token validity unit').value).toBe('seconds');
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(api.requests('profiles:save')[0]?.input.validitySeconds).toBe(90);
  });

  it('says what is wrong with the validity in the unit the field shows', async () => {
    const { api } = setup(profileView());
    expect(field('Token validity').value).toBe('60');
    await fireEvent.input(field('Token validity'), { target: { value: '0' } });
    expect(messageOf(field('Token validity'))).toBe('A whole number of minutes from 1 to 525600.');
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.requests('profiles:save')).toEqual([]);
    await fireEvent.change(field('Token validity unit'), { target: { value: 'seconds' } });
    await fireEvent.input(field('Token validity'), { target: { value: '90' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(api.requests('profiles:save')).toHaveLength(1));
    expect(api.requests('profiles:save')[0]?.input.validitySeconds).toBe(90);
  });

  it('offers Delete for a saved profile, after a confirmation', async () => {
    const { api, onDeleted } = setup(profileView());
    await fireEvent.click(screen.getByRole('button', { name: 'Delete profile' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “Demo cluster”?' });
    expect(api.requests('profiles:remove')).toEqual([]);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Delete profile' }));
    await vi.waitFor(() => expect(onDeleted).toHaveBeenCalledOnce());
    expect(api.requests('profiles:remove')).toEqual([{ profileId: 'p1' }]);
  });

  it('offers no Delete for a profile not saved yet', () => {
    setup();
    expect(screen.queryByRole('button', { name: 'Delete profile' })).toBe(null);
  });
});
