import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import ConfirmDialog from './ConfirmDialog.svelte';

const body = createRawSnippet(() => ({
  render: () => '<p>The cluster will refuse the token from now on.</p>',
}));

function setup(props: { busy?: boolean } = {}) {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  const opener = document.createElement('button');
  document.body.append(opener);
  opener.focus();
  const view = render(ConfirmDialog, {
    title: 'Revoke this token?',
    confirmLabel: 'Revoke token',
    danger: true,
    children: body,
    onConfirm,
    onCancel,
    ...props,
  });
  return { onConfirm, onCancel, opener, view };
}

describe('ConfirmDialog', () => {
  it('is a labelled dialog that says what will happen, with the safe choice focused', () => {
    setup();
    const dialog = screen.getByRole('dialog', { name: 'Revoke this token?' });
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    const description = document.getElementById(dialog.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toContain('refuse the token from now on');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
  });

  it('confirms and cancels through its callbacks; Escape cancels', async () => {
    const { onConfirm, onCancel } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Revoke token' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await fireEvent(screen.getByRole('dialog'), new Event('cancel', { cancelable: true }));
    expect(onCancel).toHaveBeenCalledTimes(2);
  });

  it('cannot be dismissed while the action runs', async () => {
    const { onCancel } = setup({ busy: true });
    expect(screen.getByRole('button', { name: 'Revoke token' }).hasAttribute('disabled')).toBe(
      true,
    );
    await fireEvent(screen.getByRole('dialog'), new Event('cancel', { cancelable: true }));
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('gives focus back to what opened it', () => {
    const { opener, view } = setup();
    view.unmount();
    expect(document.activeElement).toBe(opener);
  });
});
