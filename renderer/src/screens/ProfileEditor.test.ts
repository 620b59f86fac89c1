import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiContext } from '../lib/api-context.js';
import { apiError, FakeApi, profileView } from '../lib/testing/fake-api.js';
import ProfileEditor from './ProfileEditor.svelte';

function fakeApi() {
  return new FakeApi()
    .on('profiles:checkUrl', ({ url }) => {
      if (!url.includes('://'))
        throw apiError('INVALID_INPUT', `The cluster URL needs a scheme: https://${url}`);
      return { url: url.replace(/\/+$/, '') };
    })
    .on('profiles:save', ({ profileId, input }) =>
      profileView({ id: profileId ?? 'new1', name: input.name, url: input.url }),
    )
    .on('profiles:detect', () => ({ dialect: 'C' }));
}

async function type(label: string, value: string) {
  await fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

describe('ProfileEditor', () => {
  afterEach(() => vi.useRealTimers());

  it('checks the Cluster URL as it is typed, a moment after the last key', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    render(ProfileEditor, {
      props: { onSaved: vi.fn(), onCancel: vi.fn() },
      context: apiContext(api),
    });
    await type('Cluster URL', 'ts.example.com');
    await type('Cluster URL', 'ts.example.co');
    await vi.advanceTimersByTimeAsync(300);
    expect(api.requests('profiles:checkUrl')).toEqual([{ url: 'ts.example.co' }]);
    const url = screen.getByLabelText('Cluster URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('url-hint')?.textContent).toContain('needs a scheme');
    await type('Cluster URL', 'https://ts.example.com/');
    await vi.advanceTimersByTimeAsync(300);
    expect(url.getAttribute('aria-invalid')).toBe('false');
    expect(document.getElementById('url-hint')?.textContent).toContain(
      'Connects to https://ts.example.com',
    );
  });

  it('saves what was entered', async () => {
    const api = fakeApi();
    const onSaved = vi.fn();
    render(ProfileEditor, { props: { onSaved, onCancel: vi.fn() }, context: apiContext(api) });
    await type('Name', 'Prod');
    await type('Cluster URL', 'https://ts.example.com');
    await type('Username', 'analyst');
    await type('Org id', '1');
    await fireEvent.click(screen.getByLabelText(/a secret key/));
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(api.requests('profiles:save')[0]).toEqual({
      input: {
        name: 'Prod',
        url: 'https://ts.example.com',
        username: 'analyst',
        auth: 'secret-key',
        dialect: 'auto',
        validitySeconds: 3600,
        autoRenew: true,
        tls: { insecure: false },
        org: 1,
      },
    });
  });

  it('clears the org of a saved profile when its field is emptied', async () => {
    const api = fakeApi();
    render(ProfileEditor, {
      props: { profile: profileView({ org: 3 }), onSaved: vi.fn(), onCancel: vi.fn() },
      context: apiContext(api),
    });
    expect(screen.getByLabelText<HTMLInputElement>('Org id').value).toBe('3');
    await type('Org id', '');
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(api.requests('profiles:save')).toHaveLength(1));
    expect(api.requests('profiles:save')[0]).toMatchObject({
      profileId: 'p1',
      input: { org: null },
    });
  });

  it('saves, then detects the dialect and shows what it found', async () => {
    const api = fakeApi();
    const onSaved = vi.fn();
    render(ProfileEditor, {
      props: { profile: profileView(), onSaved, onCancel: vi.fn() },
      context: apiContext(api),
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Detect' }));
    await screen.findByText(/Found dialect C: \/api\/rest\/2\.0/);
    expect(api.calls.map((c) => c.channel)).toEqual(['profiles:save', 'profiles:detect']);
    expect(api.requests('profiles:save')[0]?.profileId).toBe('p1');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('shows the insecure switch as dangerous, and the core’s refusal in place', async () => {
    const api = fakeApi().on('profiles:save', () => {
      throw apiError('INVALID_INPUT', 'The CA file /nope.pem does not exist');
    });
    render(ProfileEditor, {
      props: { profile: profileView(), onSaved: vi.fn(), onCancel: vi.fn() },
      context: apiContext(api),
    });
    await fireEvent.click(screen.getByLabelText(/Do not verify the certificate/));
    expect(document.body.textContent).toContain('could pose as it and read your password');
    await type('CA certificate file', '/nope.pem');
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The CA file /nope.pem does not exist',
    );
  });

  it('says, before saving, that changing the cluster or user of a saved profile signs it out', async () => {
    const api = fakeApi();
    const profile = profileView({ status: { state: 'signed-in', kind: 'bearer' } });
    render(ProfileEditor, {
      props: { profile, onSaved: vi.fn(), onCancel: vi.fn() },
      context: apiContext(api),
    });
    const warning = () => screen.queryByText(/Changing the cluster signs you out of this profile/);
    await vi.waitFor(() => expect(api.requests('profiles:checkUrl')).toHaveLength(1)); // its own URL
    const save = screen.getByRole('button', { name: 'Save' });
    expect(warning()).toBe(null);
    await type('Name', 'Renamed'); // not the cluster: nothing to say
    expect(warning()).toBe(null);

    await type('Username', 'analyst');
    expect(warning()).not.toBe(null);
    expect(save.getAttribute('aria-describedby')).toBe(warning()?.id);
    expect(api.requests('profiles:save')).toEqual([]); // said before anything was saved
    await type('Username', profile.username);
    expect(warning()).toBe(null);

    await type('Cluster URL', 'https://other.example.com');
    expect(warning()).not.toBe(null);
    // The same cluster, typed differently, is no change once the core has normalized it.
    await type('Cluster URL', `${profile.url}/`);
    await vi.waitFor(() => expect(warning()).toBe(null));
  });

  it('has nothing to say about the cluster of a new profile', async () => {
    render(ProfileEditor, {
      props: { onSaved: vi.fn(), onCancel: vi.fn() },
      context: apiContext(fakeApi()),
    });
    await type('Cluster URL', 'https://ts.example.com');
    await type('Username', 'analyst');
    expect(screen.queryByText(/Changing the cluster/)).toBe(null);
  });

  it('offers the browser ways of signing in beside the secret ones', () => {
    render(ProfileEditor, {
      props: { onSaved: vi.fn(), onCancel: vi.fn() },
      context: apiContext(fakeApi()),
    });
    const group = screen.getByRole('group', { name: 'How you sign in' });
    const choices = Array.from(group.querySelectorAll('label'), (l) => l.textContent.trim());
    expect(choices).toEqual([
      'A password',
      'Trusted authentication (a secret key)',
      'A token you paste',
      'SAML single sign-on',
      'OpenID Connect single sign-on',
      'ThoughtSpot’s sign-in page (for multi-factor)',
    ]);
  });

  it('the username is required for a password and optional for SSO, saved empty', async () => {
    const api = fakeApi();
    const onSaved = vi.fn();
    render(ProfileEditor, { props: { onSaved, onCancel: vi.fn() }, context: apiContext(api) });
    const username = screen.getByLabelText<HTMLInputElement>('Username');
    expect(username.required).toBe(true);
    expect(document.getElementById('username-hint')).toBe(null);

    await fireEvent.click(screen.getByLabelText('SAML single sign-on'));
    expect(username.required).toBe(false);
    expect(document.getElementById('username-hint')?.textContent).toContain(
      'Optional: the cluster names you when you sign in',
    );
    expect(username.getAttribute('aria-describedby')).toBe('username-hint');
    await fireEvent.click(screen.getByLabelText('OpenID Connect single sign-on'));
    expect(username.required).toBe(false);
    await fireEvent.click(screen.getByLabelText(/ThoughtSpot’s sign-in page/));
    expect(username.required).toBe(false);
    await fireEvent.click(screen.getByLabelText('A password'));
    expect(username.required).toBe(true);

    await fireEvent.click(screen.getByLabelText('SAML single sign-on'));
    await type('Name', 'Okta');
    await type('Cluster URL', 'https://ts.example.com');
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(api.requests('profiles:save')[0]?.input).toMatchObject({ username: '', auth: 'saml' });
  });

  it('shows the username a browser sign-in learned', () => {
    render(ProfileEditor, {
      props: {
        profile: profileView({ auth: 'oidc', username: 'sso-user@example.com' }),
        onSaved: vi.fn(),
        onCancel: vi.fn(),
      },
      context: apiContext(fakeApi()),
    });
    expect(screen.getByLabelText<HTMLInputElement>('Username').value).toBe('sso-user@example.com');
    expect(screen.getByLabelText<HTMLInputElement>('OpenID Connect single sign-on').checked).toBe(
      true,
    );
  });
});
