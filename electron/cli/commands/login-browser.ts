import { BrowserSignInError } from '../../core/errors/index.js';
import type { Profile } from '../../core/profiles/index.js';
import { intFlag, stringFlag } from '../args.js';
import type { Context } from '../context.js';
import { relativeTime } from '../output.js';
import { UsageError } from '../usage-error.js';

const MAX_TIMEOUT_SECONDS = 3600;

/**
 * `tsm login` for a SAML, OIDC or sign-in-page profile: opens the sign-in page in a browser of our
 * own, waits for the person (--timeout S, default 300), then keeps the cluster's session.
 */
export async function signInThroughBrowser(
  profile: Profile,
  values: Record<string, unknown>,
  context: Context,
): Promise<number> {
  const timeout = intFlag(values, 'timeout') ?? 300;
  if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS)
    throw new UsageError(`--timeout must be from 1 to ${MAX_TIMEOUT_SECONDS} seconds`);
  context.browserEndpoint = stringFlag(values, 'browser-endpoint');
  const manager = await context.manager();
  context.out.note(
    `Opening the sign-in page of "${profile.name}"; finish signing in there (Ctrl-C cancels)`,
  );
  const stop = new AbortController();
  // Ctrl-C ends the sign-in (and closes its browser) instead of killing the process mid-way.
  const unlisten = context.io.onInterrupt?.(() =>
    stop.abort(new BrowserSignInError('cancelled', 'Sign-in was cancelled (Ctrl-C)')),
  );
  try {
    const result = await manager.signInThroughBrowser(profile.id, {
      timeoutMs: timeout * 1000,
      signal: stop.signal,
    });
    const { status } = result;
    if (values.json) {
      context.out.json({ profile: profile.name, user: result.username, via: result.via, status });
      return 0;
    }
    const expiresAt = 'expiresAt' in status ? status.expiresAt : undefined;
    const until =
      expiresAt !== undefined ? `, token expires ${relativeTime(expiresAt, context.now())}` : '';
    context.out.line(
      `Signed in to "${profile.name}" as ${result.username} (through ${result.via}${until})`,
    );
    return 0;
  } finally {
    unlisten?.();
  }
}
