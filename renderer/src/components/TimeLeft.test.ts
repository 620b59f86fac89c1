import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import TimeLeft from './TimeLeft.svelte';

const now = Date.UTC(2030, 0, 1, 12);

describe('TimeLeft', () => {
  it('shows a tabular countdown with words for assistive technology', () => {
    const { container } = render(TimeLeft, { expiresAt: now + 299_000, now });
    const time = container.querySelector('time');
    expect(time?.classList.contains('time-left')).toBe(true);
    expect(time?.getAttribute('datetime')).toBe('PT4M59S');
    expect(time?.querySelector('[aria-hidden="true"]')?.textContent).toBe('04:59');
    expect(time?.querySelector('.sr-only')?.textContent).toBe('4 minutes 59 seconds left');
  });

  it('follows the clock it is given', async () => {
    const view = render(TimeLeft, { expiresAt: now + 61_000, now });
    await view.rerender({ expiresAt: now + 61_000, now: now + 2_000 });
    expect(view.container.textContent).toContain('00:59');
  });

  it('says ended when the time is up, and nothing when the cluster gave no expiry', () => {
    expect(render(TimeLeft, { expiresAt: now - 1, now }).container.textContent).toContain('ended');
    expect(render(TimeLeft, { expiresAt: undefined, now }).container.querySelector('time')).toBe(
      null,
    );
  });
});
