import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { LazyModule } from '../lib/lazy.svelte.js';
import LazyPanel from './LazyPanel.svelte';

/** A load held open until the test settles it, as a slow or failing chunk fetch would be. */
function pending<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// The loaded "component" is a title here; the panel only hands it to the snippet.
const panel = createRawSnippet((title: () => string) => ({
  render: () => `<div><h2 tabindex="-1">${title()}</h2></div>`,
}));

function setup() {
  const loads: ReturnType<typeof pending<{ default: string }>>[] = [];
  const importer = vi.fn(() => {
    const load = pending<{ default: string }>();
    loads.push(load);
    return load.promise;
  });
  const module = new LazyModule(importer);
  const onReady = vi.fn();
  const view = render(LazyPanel<string>, {
    module,
    what: 'the Token tab',
    children: panel,
    onReady,
  });
  return { loads, importer, module, onReady, view };
}

// The browser's own words for a chunk it could not fetch.
const fetchFailed = () =>
  new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1/assets/T.js');

describe('LazyPanel', () => {
  it('says at once, as a live status, that it is loading; then shows what came', async () => {
    const { loads, importer, onReady } = setup();
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Loading the Token tab…');
    expect(status.getAttribute('aria-busy')).toBe('true');
    expect(importer).toHaveBeenCalledTimes(1);
    loads[0]?.resolve({ default: 'Token' });
    expect(await screen.findByRole('heading', { name: 'Token' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    expect(onReady).toHaveBeenCalledWith(false);
  });

  it('says plainly when the chunk did not load, and Try again loads it and moves focus on', async () => {
    const { loads, importer, onReady } = setup();
    loads[0]?.reject(fetchFailed());
    const alert = await screen.findByRole('alert');
    const said = alert.textContent?.replace(/\s+/g, ' ');
    expect(said).toContain('The Token tab could not be loaded');
    expect(said).toContain('If the app has stopped, start it again, then try again.');
    // The browser's message (a URL) is not what a person needs; the panel's own words are.
    expect(said).not.toContain('Failed to fetch');
    expect(onReady).not.toHaveBeenCalled();
    // The failure does not start another load by itself.
    expect(importer).toHaveBeenCalledTimes(1);

    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(importer).toHaveBeenCalledTimes(2);
    const status = screen.getByRole('status');
    await waitFor(() => expect(document.activeElement).toBe(status));
    loads[1]?.resolve({ default: 'Token' });
    expect(await screen.findByRole('heading', { name: 'Token' })).toBeTruthy();
    expect(onReady).toHaveBeenCalledWith(true);
  });

  it('draws a module loaded before at once, without a loading state or a second load', async () => {
    const first = setup();
    first.loads[0]?.resolve({ default: 'Token' });
    await screen.findByRole('heading', { name: 'Token' });
    first.view.unmount();
    const onReady = vi.fn();
    render(LazyPanel<string>, {
      module: first.module,
      what: 'the Token tab',
      children: panel,
      onReady,
    });
    expect(screen.getByRole('heading', { name: 'Token' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    expect(first.importer).toHaveBeenCalledTimes(1);
    // Nothing was waited for, so focus is left where the person put it.
    expect(onReady).not.toHaveBeenCalled();
  });
});
