/** What a destructive action will do, said exactly, for a confirmation dialog. */
export interface Confirmation {
  message: string;
  detail: string;
  confirm: string;
}

export function confirmationFor(action: 'revoke' | 'sign-out', profileName: string): Confirmation {
  return action === 'revoke'
    ? {
        message: `Revoke the token of "${profileName}"?`,
        detail:
          'The cluster will refuse this token from now on, everywhere it was copied to (scripts, .env files). A cookie session stays signed in.',
        confirm: 'Revoke token',
      }
    : {
        message: `Sign out of "${profileName}"?`,
        detail:
          'The cluster session ends, and the password, secret key, token and cookies kept for this profile are removed from the keychain.',
        confirm: 'Sign out',
      };
}
