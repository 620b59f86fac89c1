import { isAppError } from '../../core/errors/index.js';
import type { Profile } from '../../core/profiles/index.js';
import { parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const SKEW_WARN_MS = 60_000;

async function attempt(name: string, work: () => Promise<string>): Promise<Check> {
  try {
    return { name, ok: true, detail: await work() };
  } catch (error) {
    return { name, ok: false, detail: isAppError(error) ? error.message : String(error) };
  }
}

/** The cluster's clock, from the Date header of any answer at its root. */
async function clockSkew(context: Context, profile: Profile): Promise<string> {
  const manager = await context.manager();
  const fetch = await manager.access.fetchFor(profile);
  const started = context.now();
  const response = await fetch(profile.url, {
    method: 'GET',
    headers: {},
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  await response.body?.getReader().cancel();
  const date = response.headers.get('date');
  if (!date) return 'the cluster sent no Date header; skew unknown';
  const skew = Date.parse(date) - (started + context.now()) / 2;
  const text = `${Math.round(skew / 1000)} s`;
  if (Math.abs(skew) > SKEW_WARN_MS)
    throw new Error(
      `this computer's clock differs from the cluster's by ${text}; token expiry times will be off`,
    );
  return `within ${text} of the cluster's`;
}

/** Checks what a sign-in depends on, one line each, and exits 1 if any check fails. */
export async function run(args: string[], context: Context): Promise<number> {
  const { values } = parse(args, {}, false);
  const checks: Check[] = [];
  checks.push(
    await attempt('settings', async () => {
      const store = await context.profiles();
      return `${store.path} (${store.list().length} profile(s))${store.notice ? `; ${store.notice.message}` : ''}`;
    }),
  );
  checks.push(
    await attempt(
      'keychain',
      async () => `secrets live in ${(await context.secretStore()).describe()}`,
    ),
  );
  const name = stringFlag(values, 'profile');
  const profile = await context.profile(name).catch(() => undefined);
  if (profile) {
    const manager = await context.manager();
    checks.push(
      await attempt('cluster', async () => {
        const dialect = await manager.access.detect(profile);
        const tls = profile.url.startsWith('https:')
          ? profile.tls.insecure
            ? '; TLS NOT VERIFIED (insecure switch on)'
            : '; TLS verified'
          : '; plain HTTP';
        return `${profile.url} speaks dialect ${dialect}${tls}`;
      }),
    );
    checks.push(await attempt('clock', () => clockSkew(context, profile)));
  } else if (name !== undefined) {
    checks.push({ name: 'profile', ok: false, detail: `There is no profile named "${name}"` });
  }
  if (values.json) context.out.json({ ok: checks.every((c) => c.ok), checks });
  else
    for (const check of checks)
      context.out.line(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  return checks.every((c) => c.ok) ? 0 : 1;
}
