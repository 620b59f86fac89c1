import { signsInThroughBrowser } from '../../core/profiles/profile.js';
import type { SignInRequest } from '../../core/session/index.js';
import { parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';
import { relativeTime } from '../output.js';
import { promptSecret, readSecretFromStdin } from '../secret-input.js';
import { UsageError } from '../usage-error.js';
import { signInThroughBrowser } from './login-browser.js';

const FLAGS = {
  'password-stdin': { type: 'boolean' },
  'secret-key-stdin': { type: 'boolean' },
  'token-stdin': { type: 'boolean' },
  bearer: { type: 'boolean' },
  'remember-me': { type: 'boolean' },
  timeout: { type: 'string' },
  'browser-endpoint': { type: 'string' },
  org: { type: 'string' },
} as const;

/** The largest org id a cluster uses (a 32-bit integer). */
const MAX_ORG_ID = 2 ** 31 - 1;

/**
 * `--org ID`: the org to sign in to, kept as the profile's once the cluster accepted. An id only:
 * a name can be matched only against the list a signed-in session gives (`tsm org switch`).
 */
function orgOption(values: Record<string, unknown>, auth: string): { org?: number } {
  const typed = stringFlag(values, 'org')?.trim();
  if (typed === undefined) return {};
  if (auth === 'token')
    throw new UsageError(
      '--org does not apply to a pasted token: it is for the org it was issued in',
    );
  if (!/^\d{1,10}$/.test(typed) || Number(typed) > MAX_ORG_ID)
    throw new UsageError(
      "--org takes the org's id, a whole number (`tsm org list` shows them); to move by name, sign in, then `tsm org switch NAME`",
    );
  return { org: Number(typed) };
}

/**
 * Signs in by the profile's method. A password gives a cookie session (--bearer: a token); the
 * credential is kept in the keychain for renewals when the profile auto-renews.
 */
export async function run(args: string[], context: Context): Promise<number> {
  const { values, positionals } = parse(args, FLAGS);
  if (positionals.length > 0)
    throw new UsageError(`login takes no arguments; use -p NAME to pick a profile`);
  const profile = await context.profile(stringFlag(values, 'profile'));
  if (signsInThroughBrowser(profile.auth)) {
    if (values.org !== undefined)
      throw new UsageError(
        `"${profile.name}" signs in through a browser; sign in, then \`tsm org switch ORG\``,
      );
    return signInThroughBrowser(profile, values, context);
  }
  const org = orgOption(values, profile.auth);
  const stdinFlags = ['password-stdin', 'secret-key-stdin', 'token-stdin'].filter(
    (flag) => values[flag] === true,
  );
  if (stdinFlags.length > 1)
    throw new UsageError('Give only one of --password-stdin, --secret-key-stdin, --token-stdin');
  const expected = {
    password: 'password-stdin',
    'secret-key': 'secret-key-stdin',
    token: 'token-stdin',
  }[profile.auth];
  if (stdinFlags[0] && stdinFlags[0] !== expected) {
    throw new UsageError(`"${profile.name}" signs in with ${profile.auth}; use --${expected}`);
  }
  const label = { password: 'password', 'secret-key': 'secret key', token: 'token' }[profile.auth];
  const secret = stdinFlags[0]
    ? await readSecretFromStdin(context.io.stdin, label)
    : await promptSecret(
        context.io,
        `${label[0]?.toUpperCase()}${label.slice(1)} for ${profile.username} at ${profile.url}: `,
      );
  const request: SignInRequest =
    profile.auth === 'password'
      ? {
          method: 'password',
          password: secret,
          kind: values.bearer ? 'bearer' : 'cookie',
          rememberMe: values['remember-me'] === true,
          remember: profile.autoRenew,
          ...saveOrg(org),
        }
      : profile.auth === 'secret-key'
        ? { method: 'secret-key', secretKey: secret, remember: profile.autoRenew, ...saveOrg(org) }
        : { method: 'token', token: secret };
  const manager = await context.manager();
  const status = await manager.signIn(profile.id, request);
  const expiresAt = 'expiresAt' in status ? status.expiresAt : undefined;
  if (values.json) {
    context.out.json({ profile: profile.name, status });
    return 0;
  }
  const kind = 'kind' in status ? status.kind : 'bearer';
  const until =
    expiresAt !== undefined ? `, expires ${relativeTime(expiresAt, context.now())}` : '';
  const where = org.org === undefined ? '' : ` in org ${org.org}`;
  context.out.line(
    `Signed in to "${profile.name}" as ${profile.username}${where} (${kind === 'cookie' ? 'cookie session' : 'bearer token'}${until})`,
  );
  return 0;
}

/** The sign-in is made for that org, and the profile keeps it only once the cluster accepted. */
function saveOrg(org: { org?: number }): { saveOnSuccess?: { org: number } } {
  return org.org === undefined ? {} : { saveOnSuccess: { org: org.org } };
}
