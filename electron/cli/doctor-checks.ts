import { isAppError } from '../core/errors/index.js';
import type { Profile } from '../core/profiles/index.js';
import { ClusterAccess } from '../core/session/index.js';
import type { Context } from './context.js';
import { loginCommand, messageFor, shellWord } from './error-hint.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { relativeTime } from './output.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
  hint?: string;
  /** What this failure means for the exit code (README's list). */
  exit?: number;
}

const SKEW_WARN_MS = 60_000;
const PROBE_TIMEOUT_MS = 10_000;

const ok = (name: string, detail: string): Check => ({ name, status: 'ok', detail });
const warn = (name: string, detail: string, hint?: string): Check => ({
  name,
  status: 'warn',
  detail,
  ...(hint ? { hint } : {}),
});
const skip = (name: string, detail: string): Check => ({ name, status: 'skip', detail });

/** A failed check from what was thrown: core's message and the exit code README gives it. */
function failed(name: string, error: unknown, context: Context, hint?: string): Check {
  const exit = exitCodeFor(error);
  return {
    name,
    status: 'fail',
    detail: isAppError(error)
      ? messageFor(error, context.profileName)
      : error instanceof Error
        ? error.message
        : String(error),
    ...(hint ? { hint } : {}),
    // A bad argument inside a check (an unreadable CA file) is a failed check, not a usage error.
    exit: exit === EXIT.usage ? EXIT.failure : exit,
  };
}

/** One GET at the cluster's root: whether anything answers, over TLS as the profile sets it. */
type Probe = { ok: true; date: string | null; midpoint: number } | { ok: false; error: unknown };

async function probe(access: ClusterAccess, profile: Profile, now: () => number): Promise<Probe> {
  const { networkErrorFrom } = await import('../core/thoughtspot/transport-errors.js');
  try {
    const fetch = await access.fetchFor(profile);
    const sent = now();
    const response = await fetch(profile.url, {
      method: 'GET',
      headers: {},
      redirect: 'manual',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.getReader().cancel();
    return { ok: true, date: response.headers.get('date'), midpoint: (sent + now()) / 2 };
  } catch (error) {
    return {
      ok: false,
      error: isAppError(error) ? error : networkErrorFrom(error, new URL(profile.url)),
    };
  }
}

const isLoopback = (url: URL): boolean =>
  ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

function tlsCheck(profile: Profile, result: Probe, context: Context): Check {
  const url = new URL(profile.url);
  if (url.protocol === 'http:') {
    return isLoopback(url)
      ? ok('tls', 'plain HTTP on this computer (loopback)')
      : warn(
          'tls',
          'plain HTTP: passwords and tokens cross the network unencrypted',
          "use the cluster's https:// URL",
        );
  }
  if (!result.ok && isAppError(result.error) && result.error.code === 'TLS') {
    return failed(
      'tls',
      result.error,
      context,
      `give the cluster's CA with \`tsm profile edit ${shellWord(profile.name)} --ca-file FILE\``,
    );
  }
  if (!result.ok) return skip('tls', 'not checked: the cluster cannot be reached');
  if (profile.tls.insecure) {
    return warn(
      'tls',
      'the certificate is NOT verified (the insecure switch is on)',
      "give the cluster's CA with --ca-file and turn the insecure switch off",
    );
  }
  return ok(
    'tls',
    `certificate verified${profile.tls.caFile ? ` against ${profile.tls.caFile}` : ''}`,
  );
}

function clockCheck(result: Probe): Check {
  if (!result.ok) return skip('clock', "not checked: it needs the cluster's answer");
  if (!result.date) return warn('clock', 'the cluster sent no Date header; skew unknown');
  const skew = Date.parse(result.date) - result.midpoint;
  const text = `${Math.round(skew / 1000)} s`;
  if (Math.abs(skew) > SKEW_WARN_MS) {
    return warn(
      'clock',
      `this computer's clock differs from the cluster's by ${text}; token expiry times will be off`,
      "set this computer's clock (e.g. turn on NTP)",
    );
  }
  return ok('clock', `within ${text} of the cluster's`);
}

async function sessionCheck(
  profile: Profile,
  reachable: boolean,
  context: Context,
): Promise<Check> {
  const login = loginCommand(profile.name);
  try {
    const manager = await context.manager();
    const stored = await manager.restore(profile.id);
    if (stored.state === 'signed-out')
      return warn('session', `"${profile.name}" is not signed in`, `run \`${login}\``);
    if (!reachable) return skip('session', 'not asked: the cluster cannot be reached');
    const status = await manager.validate(profile.id);
    const kind = 'kind' in status && status.kind === 'cookie' ? 'cookie session' : 'bearer token';
    const until =
      'expiresAt' in status && status.expiresAt !== undefined
        ? `, expires ${relativeTime(status.expiresAt, context.now())}`
        : '';
    return ok(
      'session',
      `signed in as ${profile.username} (${kind}${until}); the cluster accepts it`,
    );
  } catch (error) {
    return failed('session', error, context);
  }
}

/**
 * Every check, each run whatever the others found: a check that needs what failed says it was
 * skipped and why, instead of stopping the rest.
 */
export async function runChecks(context: Context, name: string | undefined): Promise<Check[]> {
  const checks: Check[] = [];
  let profile: Profile | undefined;
  try {
    const store = await context.profiles();
    const detail = `${store.path} (${store.list().length} profile(s))`;
    checks.push(
      store.notice
        ? warn('settings', `${detail}; ${store.notice.message}`)
        : ok('settings', detail),
    );
    profile = await context.profile(name);
  } catch (error) {
    const settingsOk = checks.length > 0;
    checks.push(
      settingsOk
        ? name === undefined && isAppError(error) && error.code === 'INVALID_INPUT'
          ? warn(
              'profile',
              'there are no profiles yet',
              'add one with `tsm profile add NAME --url URL --user USER`',
            )
          : failed('profile', error, context)
        : failed('settings', error, context, 'fix or move the settings file; tsm starts a new one'),
    );
  }
  let secretsOk = false;
  try {
    checks.push(ok('secret store', `secrets live in ${(await context.secretStore()).describe()}`));
    secretsOk = true;
  } catch (error) {
    // Core's message says what to do; where there is no keychain it names TSM_SECRET_STORE.
    checks.push(failed('secret store', error, context));
  }
  if (!profile) return checks;
  const access = new ClusterAccess({ profiles: await context.profiles(), now: context.now });
  const result = await probe(access, profile, context.now);
  const tlsFailed = !result.ok && isAppError(result.error) && result.error.code === 'TLS';
  checks.push(
    result.ok || tlsFailed
      ? ok('cluster', `${new URL(profile.url).origin} answers`)
      : failed(
          'cluster',
          result.error,
          context,
          'check the URL, the port and your network (VPN, proxy)',
        ),
  );
  checks.push(tlsCheck(profile, result, context));
  if (result.ok) {
    try {
      const dialect = await access.detect(profile);
      checks.push(ok('dialect', `${profile.url} speaks dialect ${dialect}`));
    } catch (error) {
      checks.push(failed('dialect', error, context));
    }
  } else checks.push(skip('dialect', 'not checked: the cluster cannot be reached'));
  checks.push(clockCheck(result));
  checks.push(
    secretsOk
      ? await sessionCheck(profile, result.ok, context)
      : skip('session', 'not checked: the secret store cannot be opened'),
  );
  return checks;
}

/** The most serious failure's exit code (settings 6, keychain 5, network 4, auth 3, other 1). */
export function exitCodeOf(checks: readonly Check[]): number {
  return Math.max(
    EXIT.ok,
    ...checks.map((check) => (check.status === 'fail' ? (check.exit ?? EXIT.failure) : EXIT.ok)),
  );
}
