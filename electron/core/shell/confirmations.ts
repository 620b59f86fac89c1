import { secretsPlace, type SecretStore } from '../secrets/index.js';

/** What a destructive action will do, said exactly, for a confirmation dialog. */
export interface Confirmation {
  message: string;
  detail: string;
  confirm: string;
}

/** `secrets` is the kind of the store in use: the dialog names the place the secrets really leave. */
export function confirmationFor(
  action: 'revoke' | 'sign-out',
  profileName: string,
  secrets: SecretStore['kind'],
): Confirmation {
  return action === 'revoke'
    ? {
        message: `Revoke the token of "${profileName}"?`,
        detail:
          'The cluster will refuse this token from now on, everywhere it was copied to (scripts, .env files). A cookie session stays signed in.',
        confirm: 'Revoke token',
      }
    : {
        message: `Sign out of "${profileName}"?`,
        detail: `The cluster session ends, and the password, secret key, token and cookies kept for this profile are removed from ${secretsPlace(secrets)}.`,
        confirm: 'Sign out',
      };
}
