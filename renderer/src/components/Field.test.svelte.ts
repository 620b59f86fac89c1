import { render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { FieldControl } from '../lib/field-control.js';
import Field from './Field.svelte';

/** The control as a caller draws it: every attribute Field hands over, kept current. */
const input = createRawSnippet((control: () => FieldControl) => ({
  render: () => '<input type="text" />',
  setup: (element) => {
    $effect(() => {
      const attributes = control();
      element.id = attributes.id;
      for (const name of ['aria-describedby', 'aria-invalid'] as const) {
        const value = attributes[name];
        if (value === undefined) element.removeAttribute(name);
        else element.setAttribute(name, String(value));
      }
    });
  },
}));

describe('Field', () => {
  it('names the control by its label, with no description or validity of its own', () => {
    render(Field, { id: 'name', label: 'Name', input });
    const control = screen.getByLabelText('Name');
    expect(control.id).toBe('name');
    expect(control.hasAttribute('aria-describedby')).toBe(false);
    expect(control.hasAttribute('aria-invalid')).toBe(false);
    expect(document.querySelector('.hint')).toBe(null);
  });

  it('describes the control by its hint', () => {
    render(Field, { id: 'ca-file', label: 'CA file', hint: 'An absolute path.', input });
    const control = screen.getByLabelText('CA file');
    expect(control.getAttribute('aria-describedby')).toBe('ca-file-hint');
    expect(document.getElementById('ca-file-hint')?.textContent).toBe('An absolute path.');
    expect(control.hasAttribute('aria-invalid')).toBe(false);
  });

  it('says a checked field is valid, then shows its error in the hint’s place', async () => {
    const view = render(Field, {
      id: 'org',
      label: 'Org id',
      hint: 'Empty for the default org.',
      error: false,
      input,
    });
    const control = screen.getByLabelText('Org id');
    const hint = (): HTMLElement | null => document.getElementById('org-hint');
    expect(control.getAttribute('aria-invalid')).toBe('false');
    expect(hint()?.classList.contains('bad')).toBe(false);
    await view.rerender({ error: 'A whole number, such as 0.' });
    expect(control.getAttribute('aria-invalid')).toBe('true');
    expect(control.getAttribute('aria-describedby')).toBe('org-hint');
    expect(hint()?.textContent).toBe('A whole number, such as 0.');
    expect(hint()?.classList.contains('bad')).toBe(true);
  });

  it('marks a hint that confirms something, unless there is an error', async () => {
    const view = render(Field, {
      id: 'url',
      label: 'Cluster URL',
      hint: 'Connects to https://ts.example.com',
      error: false,
      ok: true,
      input,
    });
    const hint = (): HTMLElement | null => document.getElementById('url-hint');
    expect(hint()?.classList.contains('ok')).toBe(true);
    await view.rerender({ error: 'needs a scheme' });
    expect(hint()?.classList.contains('ok')).toBe(false);
    expect(hint()?.classList.contains('bad')).toBe(true);
  });
});
