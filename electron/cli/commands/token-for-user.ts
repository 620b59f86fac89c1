import type { MintRequest, TokensForUsers } from '../../core/tokens-for-users/index.js';
import { intFlag, parse, stringFlag } from '../args.js';
import type { Context } from '../context.js';
import { UsageError } from '../usage-error.js';

const FLAGS = {
  as: { type: 'string' },
  org: { type: 'string' },
  validity: { type: 'string' },
  object: { type: 'string' },
  filter: { type: 'string', multiple: true },
  param: { type: 'string', multiple: true },
  variable: { type: 'string', multiple: true },
  persist: { type: 'string' },
  group: { type: 'string', multiple: true },
  email: { type: 'string' },
  'display-name': { type: 'string' },
  'no-auto-create': { type: 'boolean' },
} as const;

/** `tsm token --as USER`: the command line of TokensForUsers, loaded only when asked for. */
export async function tokensForUsers(context: Context): Promise<TokensForUsers> {
  const { TokensForUsers } = await import('../../core/tokens-for-users/index.js');
  return new TokensForUsers({
    profiles: await context.profiles(),
    vault: await context.vault(),
    manager: await context.manager(),
    audit: await context.audit(),
    now: context.now,
  });
}

const many = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);

/** Core's reading of a typed rule, as a usage error naming the flag and showing the form (exit 2). */
function typed<T>(flag: string, form: string, texts: string[], read: (text: string) => T): T[] {
  return texts.map((text) => {
    try {
      return read(text);
    } catch (error) {
      const message = (error as Error).message;
      throw new UsageError(
        `--${flag}: ${message.includes(form) ? message : `${message}; write ${form}`}`,
      );
    }
  });
}

/** The flags, read into the request core checks; what only the command line can get wrong is said here. */
async function requestOf(values: Record<string, unknown>, user: string): Promise<MintRequest> {
  const { FILTER_FORM, NAMED_FORM, parseFilterText, parseNamedText } =
    await import('../../core/tokens-for-users/index.js');
  const filterRules = typed('filter', FILTER_FORM, many(values.filter), parseFilterText);
  const parameters = typed('param', NAMED_FORM, many(values.param), (t) =>
    parseNamedText(t, 'parameter'),
  );
  const variables = typed('variable', NAMED_FORM, many(values.variable), (t) =>
    parseNamedText(t, 'variable'),
  );
  const persistText = stringFlag(values, 'persist');
  if (persistText !== undefined && !/^(replace|append)$/i.test(persistText))
    throw new UsageError('--persist is replace or append');
  const persist = persistText?.toUpperCase() as 'REPLACE' | 'APPEND' | undefined;
  if (filterRules.length + parameters.length + variables.length > 0 && !persist) {
    throw new UsageError(
      `--filter, --param and --variable are kept for ${user} when the token is minted: add --persist replace (they replace the rules stored for ${user}) or --persist append (they are added to them)`,
    );
  }
  const org = stringFlag(values, 'org');
  const request: MintRequest = { user };
  if (org !== undefined) request.org = /^\d{1,9}$/.test(org.trim()) ? Number(org) : org;
  const validity = intFlag(values, 'validity');
  if (validity !== undefined) request.validitySeconds = validity;
  const objectId = stringFlag(values, 'object');
  if (objectId !== undefined) request.objectId = objectId;
  if (filterRules.length) request.filterRules = filterRules;
  if (parameters.length) request.parameters = parameters;
  if (variables.length) request.variables = variables;
  if (persist) request.persist = persist;
  if (many(values.group).length) request.groups = many(values.group);
  const email = stringFlag(values, 'email');
  if (email !== undefined) request.email = email;
  const displayName = stringFlag(values, 'display-name');
  if (displayName !== undefined) request.displayName = displayName;
  if (values['no-auto-create'] === true) request.autoCreate = false;
  return request;
}

/**
 * Mints a token for another user with the profile's secret key: printed alone on stdout (or as
 * JSON), never stored, so the profile's own token stays what it was.
 */
export async function run(args: string[], context: Context): Promise<number> {
  const { values, positionals } = parse(args, FLAGS);
  if (positionals.length > 0)
    throw new UsageError('token takes no arguments; use -p NAME to pick a profile');
  const user = stringFlag(values, 'as') ?? '';
  if (!user.trim()) throw new UsageError('--as needs the username to mint a token for');
  const profile = await context.profile(stringFlag(values, 'profile'));
  if (profile.auth !== 'secret-key') {
    throw new UsageError(
      `--as mints with the cluster's secret key, and "${profile.name}" signs in with ${profile.auth}: use a profile added with --auth secret-key`,
    );
  }
  const request = await requestOf(values, user);
  const minted = await (await tokensForUsers(context)).mint(profile.id, request);
  if (values.json) {
    context.out.json({
      token: minted.token,
      user: minted.user,
      org: minted.org ? { id: minted.org.id, name: minted.org.name ?? null } : null,
      expiresAt: new Date(minted.expiresAt).toISOString(),
      kind: minted.kind,
      scope: minted.scope,
    });
  } else {
    context.out.line(minted.token);
  }
  return 0;
}
