import { writeFileSync } from 'node:fs';
import { logProfileChange } from '../../core/audit/profile-changes.js';
import {
  profileInputOf,
  type AuthMethod,
  type Profile,
  type ProfileInput,
} from '../../core/profiles/index.js';
import { intFlag, parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';
import { table } from '../output.js';
import { UsageError } from '../usage-error.js';

const EDIT_FLAGS = {
  url: { type: 'string' },
  user: { type: 'string' },
  auth: { type: 'string' },
  org: { type: 'string' },
  dialect: { type: 'string' },
  'ca-file': { type: 'string' },
  insecure: { type: 'boolean' },
  validity: { type: 'string' },
  'auto-renew': { type: 'boolean' },
  'no-auto-renew': { type: 'boolean' },
  'assume-https': { type: 'boolean' },
} as const;

/** Only `profile edit` renames, or turns certificate checks back on. */
const EDIT_ONLY_FLAGS = {
  ...EDIT_FLAGS,
  name: { type: 'string' },
  secure: { type: 'boolean' },
} as const;

/** What an edit compares, in the order it is told. */
const FIELDS: [string, (p: Profile) => unknown][] = [
  ['name', (p) => p.name],
  ['url', (p) => p.url],
  ['user', (p) => p.username],
  ['auth', (p) => p.auth],
  ['dialect', (p) => p.dialect],
  ['org', (p) => p.org],
  ['validity', (p) => p.validitySeconds],
  ['auto-renew', (p) => p.autoRenew],
  ['insecure', (p) => p.tls.insecure],
  ['ca-file', (p) => p.tls.caFile],
];

function either(values: Record<string, unknown>, yes: string, no: string): boolean | undefined {
  if (values[yes] === true && values[no] === true)
    throw new UsageError(`--${yes} and --${no} cannot be given together`);
  return values[yes] === true ? true : values[no] === true ? false : undefined;
}

/**
 * The profile as it is, with what the flags change; the core then checks it as it checks the
 * window's editor. `--org ""` clears the org and `--ca-file ""` the CA file.
 */
function editFrom(profile: Profile, values: Record<string, unknown>): ProfileInput {
  const input = profileInputOf(profile);
  const given = Object.keys(values).filter((key) => !['json', 'verbose', 'profile'].includes(key));
  if (given.length === 0)
    throw new UsageError('profile edit needs something to change, e.g. --url URL or --name NEW');
  const text = (flag: string) => stringFlag(values, flag);
  input.name = text('name') ?? input.name;
  input.url = text('url') ?? input.url;
  input.username = text('user') ?? input.username;
  if (text('auth') !== undefined) input.auth = text('auth') as AuthMethod;
  if (text('dialect') !== undefined) input.dialect = text('dialect') as ProfileInput['dialect'];
  if (text('org')?.trim() === '') input.org = null;
  else if (text('org') !== undefined) input.org = intFlag(values, 'org') ?? null;
  const validity = intFlag(values, 'validity');
  if (validity !== undefined) input.validitySeconds = validity;
  input.autoRenew = either(values, 'auto-renew', 'no-auto-renew') ?? input.autoRenew;
  const insecure = either(values, 'insecure', 'secure');
  input.tls = {
    ...input.tls,
    ...(insecure !== undefined ? { insecure } : {}),
    ...(text('ca-file') !== undefined ? { caFile: text('ca-file')?.trim() ?? '' } : {}),
  };
  if (values['assume-https'] === true) input.assumeHttps = true;
  return input;
}

/** `url "https://a" → "https://b"`, one entry per field the edit changed. */
function changes(before: Profile, after: Profile): { field: string; from: unknown; to: unknown }[] {
  return FIELDS.filter(([, read]) => read(before) !== read(after)).map(([field, read]) => ({
    field,
    from: read(before) ?? null,
    to: read(after) ?? null,
  }));
}

/**
 * Edits through the core's ProfileStore.update, as the window does. The session manager is
 * opened first when the URL or user may change: it listens for that and forgets the secrets
 * given for the old cluster (a rename keeps them; the keychain entries are keyed by id).
 */
async function edit(context: Context, name: string, values: Record<string, unknown>) {
  const store = await context.profiles();
  const before = store.get(name);
  const input = editFrom(before, values);
  if (values.url !== undefined || values.user !== undefined) {
    // A URL the core refuses is said as such, not hidden behind a keychain that will not open.
    const { normalizeClusterUrl } = await import('../../core/profiles/index.js');
    normalizeClusterUrl(input.url, input.assumeHttps ? { assumeHttps: true } : {});
    await context.manager();
  }
  const after = await store.update(before.id, input);
  logProfileChange(await context.audit(), { type: 'edited', before, after });
  const changed = changes(before, after);
  const signedOut = before.url !== after.url || before.username !== after.username;
  if (signedOut)
    context.out.note(
      'tsm: Changing the cluster signs you out of this profile: the password, secret key, token and cookies kept for it were forgotten',
    );
  if (changed.some(({ field }) => field === 'insecure' || field === 'ca-file')) {
    const { tlsWarnings } = await import('../../core/profiles/index.js');
    warn(context, tlsWarnings(after));
  }
  if (values.json) {
    const isDefault = store.defaultProfile()?.id === after.id;
    context.out.json({ ...describe(after, isDefault), changed, signedOut });
    return;
  }
  if (changed.length === 0) {
    context.out.line(`Profile "${after.name}" is unchanged`);
    return;
  }
  const told = changed.map(
    ({ field, from, to }) => `${field} ${JSON.stringify(from)} → ${JSON.stringify(to)}`,
  );
  context.out.line(`Updated profile "${after.name}": ${told.join(', ')}`);
}

function inputFrom(name: string, values: Record<string, unknown>): ProfileInput {
  const url = stringFlag(values, 'url');
  const user = stringFlag(values, 'user');
  if (!url) throw new UsageError('profile add needs --url URL');
  const auth = stringFlag(values, 'auth');
  // SSO and the cluster's page name the user at sign-in; every other way needs it now.
  const learnsUser = auth === 'saml' || auth === 'oidc' || auth === 'browser';
  if (!user && !learnsUser)
    throw new UsageError(
      'profile add needs --user USER (with --auth saml, oidc or browser the cluster names the user at sign-in)',
    );
  const input: ProfileInput = { name, url, username: user ?? '' };
  if (auth !== undefined) input.auth = auth as AuthMethod;
  const org = intFlag(values, 'org');
  if (org !== undefined) input.org = org;
  const dialect = stringFlag(values, 'dialect');
  if (dialect !== undefined) input.dialect = dialect as ProfileInput['dialect'] & string;
  const caFile = stringFlag(values, 'ca-file');
  input.tls = { insecure: values.insecure === true, ...(caFile ? { caFile } : {}) };
  const validity = intFlag(values, 'validity');
  if (validity !== undefined) input.validitySeconds = validity;
  if (values['auto-renew'] === true) input.autoRenew = true;
  if (values['no-auto-renew'] === true) input.autoRenew = false;
  if (values['assume-https'] === true) input.assumeHttps = true;
  return input;
}

/** TLS settings that weaken a profile, said on stderr so that --json output stays one document. */
function warn(context: Context, warnings: readonly string[]): void {
  for (const warning of warnings) context.out.note(`tsm: WARNING: ${warning}`);
}

function describe(profile: Profile, isDefault: boolean): Record<string, unknown> {
  return { ...profile, default: isDefault };
}

export async function run(args: string[], context: Context): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parse(rest, sub === 'edit' ? EDIT_ONLY_FLAGS : EDIT_FLAGS);
  const store = await context.profiles();
  const name = positionals[0];
  const needName = (what: string): string => {
    if (!name) throw new UsageError(`profile ${what} needs a profile NAME`);
    return name;
  };
  switch (sub) {
    case 'add': {
      const profile = await store.add(inputFrom(needName('add'), values));
      logProfileChange(await context.audit(), { type: 'added', profile });
      const { tlsWarnings } = await import('../../core/profiles/index.js');
      warn(context, tlsWarnings(profile));
      if (values.json)
        context.out.json(describe(profile, store.defaultProfile()?.id === profile.id));
      else context.out.line(`Added profile "${profile.name}" (${profile.url})`);
      return 0;
    }
    case 'list': {
      const defaultId = store.defaultProfile()?.id;
      const profiles = store.list();
      if (values.json) {
        context.out.json(profiles.map((p) => describe(p, p.id === defaultId)));
        return 0;
      }
      if (profiles.length === 0) {
        context.out.line('No profiles yet; add one with `tsm profile add`');
        return 0;
      }
      for (const row of table([
        ['', 'NAME', 'URL', 'USER', 'AUTH', 'DIALECT'],
        ...profiles.map((p) => [
          p.id === defaultId ? '*' : '',
          p.name,
          p.url,
          p.username || '(at sign-in)',
          p.auth,
          p.dialect === 'auto'
            ? `auto${p.detectedDialect ? ` (${p.detectedDialect})` : ''}`
            : p.dialect,
        ]),
      ]))
        context.out.line(row);
      return 0;
    }
    case 'show': {
      const profile = store.get(needName('show'));
      const info = describe(profile, store.defaultProfile()?.id === profile.id);
      if (values.json) context.out.json(info);
      else
        for (const [key, value] of Object.entries(info))
          context.out.line(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
      return 0;
    }
    case 'remove': {
      const manager = await context.manager();
      const { secretsPlace } = await import('../../core/secrets/index.js');
      const place = secretsPlace((await context.secretStore()).kind);
      const removed = await manager.removeProfile(store.get(needName('remove')).id);
      context.out.line(`Removed profile "${removed.name}" and its secrets from ${place}`);
      return 0;
    }
    case 'edit':
      await edit(context, needName('edit'), values);
      return 0;
    case 'default': {
      const profile = store.get(needName('default'));
      await store.setDefault(profile.id);
      context.out.line(`"${profile.name}" is now the default profile`);
      return 0;
    }
    case 'export': {
      const { exportProfiles } = await import('../../core/profiles/index.js');
      const text = exportProfiles(store.list());
      if (name === undefined || name === '-') context.io.stdout.write(text);
      else {
        writeFileSync(name, text, { mode: 0o600 });
        context.out.line(`Exported ${store.list().length} profile(s) to ${name} (no secrets)`);
      }
      return 0;
    }
    case 'import': {
      const { importProfiles, readImportFile } = await import('../../core/profiles/index.js');
      // Only a regular file of bounded size is read: a FIFO or /dev/zero is refused, not waited on.
      const report = await importProfiles(await readImportFile(needName('import')), store);
      warn(context, report.warnings);
      if (values.json) {
        context.out.json(report);
        return 0;
      }
      context.out.line(
        `Imported ${report.added.length} profile(s)${report.added.length ? `: ${report.added.join(', ')}` : ''}`,
      );
      for (const skipped of report.skipped)
        context.out.line(`Skipped "${skipped.name}": ${skipped.reason}`);
      return 0;
    }
    default:
      throw new UsageError(
        sub
          ? `Unknown profile command "${sub.slice(0, 40)}"`
          : 'profile needs a command: add, list, show, edit, remove, default, export, import',
      );
  }
}
