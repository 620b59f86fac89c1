import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { errorFromWire } from '../../../electron/ipc/wire-error.js';
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

  it('says the problem once: its own words for a known cause, not the core message as well', () => {
    render(SecretsBanner, { secrets: unreachable, onUseEncryptedFile: vi.fn(), onRetry: vi.fn() });
    expect(document.body.textContent).toContain('No Secret Service (such as gnome-keyring)');
    expect(document.body.textContent).not.toContain('No Secret Service answers on D-Bus');
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

  it('says the passphrase rule before asking, and a refused passphrase on its field', async () => {
    const message =
      'A new encrypted secrets file needs a passphrase of at least 8 characters; nothing was stored';
    const onUseEncryptedFile = vi.fn(() =>
      Promise.reject(
        errorFromWire({
          code: 'KEYCHAIN_UNAVAILABLE',
          message,
          details: { cause: 'NO_PASSPHRASE' },
        }),
      ),
    );
    render(SecretsBanner, { secrets: unreachable, onUseEncryptedFile, onRetry: vi.fn() });
    await fireEvent.click(screen.getByRole('button', { name: 'Use an encrypted file' }));
    const field = screen.getByLabelText('Passphrase');
    expect(screen.getByText(/at least 8 characters/).id).toBe(
      field.getAttribute('aria-describedby'),
    );
    await fireEvent.input(field, { target: { value: 'x' } });
    await fireEvent.input(screen.getByLabelText('Repeat passphrase'), { target: { value: 'x' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Use encrypted file' }));
    expect(onUseEncryptedFile).toHaveBeenCalledWith('x');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    // The error replaces the rule under the field it is about; the form stays open to try again.
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      message,
    );
    expect(screen.getByRole('button', { name: 'Use encrypted file' })).toBeTruthy();
  });
});
