import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ErrorNotice from './ErrorNotice.svelte';

describe('ErrorNotice', () => {
  it('announces the heading and the message, with details behind a disclosure', async () => {
    render(ErrorNotice, {
      error: {
        code: 'ACCOUNT_LOCKED',
        message: 'The account locked-user is locked',
        details: { incidentId: 'f00-1', status: 401, debug: 'too many attempts' },
      },
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Account locked');
    expect(alert.textContent).toContain('The account locked-user is locked');
    const details = alert.querySelector('details');
    expect(details?.open).toBe(false);
    await fireEvent.click(screen.getByText('Details'));
    expect(details?.textContent).toContain('ACCOUNT_LOCKED');
    expect(details?.textContent).toContain('Incident id');
    expect(details?.textContent).toContain('f00-1');
    expect(details?.textContent).toContain('too many attempts');
  });

  it('takes a heading of the caller’s choosing', () => {
    render(ErrorNotice, {
      error: { code: 'STORAGE_FAILED', message: 'disk full', details: {} },
      title: 'The profiles could not be read',
    });
    expect(screen.getByRole('alert').textContent).toContain('The profiles could not be read');
  });
});
