import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { apiContext } from '../lib/api-context.js';
import { FakeApi, profileView } from '../lib/testing/fake-api.js';
import SignOutButton from './SignOutButton.svelte';

describe('SignOutButton', () => {
  it('asks in two short sentences, naming the user', async () => {
    render(SignOutButton, {
      props: {
        profile: profileView({ status: { state: 'signed-in', kind: 'cookie', expiresAt: 1 } }),
        onSignedOut() {},
      },
      context: apiContext(new FakeApi()),
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    const text = screen.getByRole('dialog').querySelector('.body, p')?.parentElement?.textContent;
    const said = (text ?? '').replace(/\s+/g, ' ').trim();
    expect(said).toBe(
      'The cluster ends tsadmin’s session and revokes its token, so copies of it stop working. This app forgets every secret it keeps for this profile.',
    );
  });
});
