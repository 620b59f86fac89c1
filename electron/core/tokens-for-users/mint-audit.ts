import type { MintKind } from '../thoughtspot/index.js';
import type { MintRequest } from './mint-request.js';

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The audit line of a mint, beside the minted token's fingerprint: "minted for analyst (custom,
 * 2 rules, REPLACE)". Logged: whom the token is for, its kind, the org and the object when asked,
 * how many filter rules, parameters and variables, and the persist choice: enough to answer "who
 * got which kind of token from this profile, and did it change what is stored for them". Never
 * logged: the token and the secret key (credentials), nor the rules' columns, names and values:
 * they are a user's entitlements (a region, a customer id), and the log is plain text that anyone
 * who can read the config directory reads.
 */
export function mintedMessage(request: MintRequest, kind: MintKind): string {
  const parts: string[] = [kind];
  if (kind === 'object' && request.objectId !== undefined) parts[0] = `object ${request.objectId}`;
  if (request.org !== undefined) parts.push(`org ${String(request.org)}`);
  const rules = request.filterRules?.length ?? 0;
  const parameters = request.parameters?.length ?? 0;
  const variables = request.variables?.length ?? 0;
  if (kind === 'custom') parts.push(count(rules, 'rule'));
  if (parameters > 0) parts.push(count(parameters, 'parameter'));
  if (variables > 0) parts.push(count(variables, 'variable'));
  if (request.persist !== undefined) parts.push(request.persist);
  return `minted for ${request.user} (${parts.join(', ')})`;
}

/** "revoked the tokens of analyst", or one token of theirs (named by its fingerprint beside). */
export function revokedForMessage(user: string, oneToken: boolean): string {
  return oneToken ? `revoked a token of ${user}` : `revoked the tokens of ${user}`;
}
