import { isAppError } from '../errors/index.js';
import type { Profile } from '../profiles/index.js';
import { stillHeld } from './stored-session-client.js';
import type { SignInContext } from './sign-in.js';

/** Errors that mean "this session is over", as opposed to "we could not ask". */
const SESSION_OVER = new Set(['TOKEN_EXPIRED', 'NOT_SIGNED_IN']);

/**
 * Maps an error about the session asked with (`asked`: its token or cookies) to its status
 * (revoked, expired) and gives it back to throw. An answer that comes once the keychain holds
 * another session (a revoke and a new sign-in meanwhile) is about the old one alone: before, it
 * deleted the new token and the profile read Revoked.
 */
export async function judgeAnswer(
  context: Pick<SignInContext, 'vault' | 'tokens' | 'states' | 'log'>,
  profile: Profile,
  error: unknown,
  asked: string | undefined,
): Promise<unknown> {
  if (!isAppError(error)) return error;
  const { vault, tokens, states, log } = context;
  if (asked !== undefined && !(await stillHeld(vault, tokens, profile, asked))) return error;
  if (error.code === 'TOKEN_REVOKED') {
    await tokens.forget(profile.id);
    log(profile, 'revoked', { code: error.code, message: error.message });
    // Lenient: a concurrent validate or info may have found it revoked first.
    states.apply(profile.id, { type: 'revoked' }, true);
  } else if (SESSION_OVER.has(error.code)) {
    states.apply(profile.id, { type: 'time-up' }, true);
  }
  return error;
}
