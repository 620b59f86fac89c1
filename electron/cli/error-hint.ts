import type { AppError } from '../core/errors/index.js';

/** Session-over messages from core end with this; the terminal can name the command instead. */
const SIGN_IN_AGAIN = /;? sign in( through .+)? (again|first)$/;
/** Core's remedy for "there is no keychain here"; in a terminal the switch is an env variable. */
const FALLBACK = 'use the encrypted-file fallback';
const FALLBACK_HERE = 'set TSM_SECRET_STORE=encrypted-file to keep secrets in an encrypted file';

/** A profile name as a shell word: quoted when it holds anything a shell would split or expand. */
export function shellWord(text: string): string {
  return /^[\w.@%+=:,/-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The command that signs the profile in again, for messages and doctor's hints. */
export function loginCommand(profileName: string | undefined): string {
  return profileName === undefined ? 'tsm login' : `tsm login -p ${shellWord(profileName)}`;
}

/**
 * Core's message, with its remedy said the way a terminal does it: the command to run, the
 * environment variable to set.
 */
export function messageFor(error: AppError, profileName: string | undefined): string {
  const { message } = error;
  if (['NOT_SIGNED_IN', 'TOKEN_EXPIRED', 'TOKEN_REVOKED'].includes(error.code)) {
    const match = SIGN_IN_AGAIN.exec(message);
    if (match) {
      return message.replace(
        SIGN_IN_AGAIN,
        `; sign in${match[1] ?? ''} again with \`${loginCommand(profileName)}\``,
      );
    }
  }
  // No API call takes a second factor; the cluster's own page in a browser does.
  if (error.code === 'MFA_REQUIRED') {
    const name = profileName === undefined ? 'NAME' : shellWord(profileName);
    return `${message}: \`tsm profile edit ${name} --auth browser\`, then \`${loginCommand(profileName)}\``;
  }
  if (error.code === 'KEYCHAIN_UNAVAILABLE' && message.includes(FALLBACK)) {
    return message.replace(FALLBACK, FALLBACK_HERE);
  }
  return message;
}
