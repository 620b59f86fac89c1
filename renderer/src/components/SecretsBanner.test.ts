import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { SecretsState } from '../lib/api.js';
import SecretsBanner from './SecretsBanner.svelte';

const unreachable: SecretsState = {
  problem: {
    code: 'KEYCHAIN_UNAVAILABLE',
    cause: 'NO_SECRET_SERVICE',
    message: 'No Secret Service answers on D-Bus',
    canUseEncryptedFile: true,
  },
};

describe('SecretsBanner', () => {
  it('shows nothing while the keychain works', () => {
    const { container } = render(SecretsBanner, {
      secrets: { location: 'the OS keychain' },
      onUseEncryptedFile: vi.fn(),
      onRetry: vi.fn(),
    });
    expect(container.textContent?.trim()).toBe('');
  });

  it('says which problem it is and opts in to the encrypted file with a passphrase', async () => {
    const onUseEncryptedFile = vi.fn(() => Promise.resolve(undefined));
    render(SecretsBanner, { secrets: unreachable, onUseEncryptedFile, onRetry: vi.fn() });
    expect(screen.getByRole('heading', { name: 'The keychain is unavailable' })).toBeTruthy();
    expect(document.body.textContent).toContain('No Secret Service (such as gnome-keyring)');
    await fireEvent.click(screen.getByRole('button', { name: 'Use an encrypted file' }));
    const submit = screen.getByRole('button', { name: 'Use encrypted file' });
    await fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'correct' } });
    await fireEvent.input(screen.getByLabelText('Repeat passphrase'), {
      target: { value: 'wrong' },
    });
    expect(document.body.textContent).toContain('The passphrases differ.');
    expect(submit.hasAttribute('disabled')).toBe(true);
    await fireEvent.input(screen.getByLabelText('Repeat passphrase'), {
      target: { value: 'correct' },
    });
    await fireEvent.click(submit);
    expect(onUseEncryptedFile).toHaveBeenCalledWith('correct');
  });

  it('never offers to bypass a locked keychain', () => {
    render(SecretsBanner, {
      secrets: {
        problem: {
          code: 'KEYCHAIN_UNAVAILABLE',
          cause: 'LOCKED',
          message: 'locked',
          canUseEncryptedFile: false,
        },
      },
      onUseEncryptedFile: vi.fn(),
      onRetry: vi.fn(),
    });
    expect(screen.queryByRole('button', { name: 'Use an encrypted file' })).toBe(null);
    expect(screen.getByRole('button', { name: 'Try the keychain again' })).toBeTruthy();
  });
});
