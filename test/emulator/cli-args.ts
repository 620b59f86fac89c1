// Command-line flags of main.ts turned into EmulatorOptions; every mistake is one clear line.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { validateUsers } from './accounts.js';
import { ALL_DIALECTS, ERROR_ENVELOPES } from './options.js';
import { MFA_CODE } from './sso/context.js';
import type { Dialect, EmulatorOptions, ErrorEnvelope } from './types.js';

export const USAGE = `usage: npm run emulator -- [flags]
  --port N          port to listen on (default 0: any free port)
  --host H          address to listen on (default 127.0.0.1)
  --dialects A,B,C,V1
                    session API dialects to serve (default all; V1 alone: an 8.x cluster)
  --validity S      default token validity in seconds (default 300)
  --latency MS      delay every response by MS milliseconds
  --fail-rate P     answer a random share P (0..1) of API calls with HTTP 500
  --sso-html        answer every path with an HTML SSO login page, like an SSO proxy
  --tls             serve HTTPS with a fresh certificate (the IdP too); the CA file path is
                    line 3 of stdout
  --users FILE      JSON array of extra users (flags: mfa, locked, forbidden, ssoOnly, idpDenied)
  --error-envelope live|documented
                    error bodies as live clusters send them (default) or as the OpenAPI docs show
Prints the base URL as line 1 of stdout and the identity provider's URL (its own port) as line 2.
Browser sign-in: GET / (the cluster's sign-in form; mfa-user is then asked for code ${MFA_CODE}),
/callosum/v1/saml/login?targetURLPath=/P and /callosum/v1/oidc/login?targetURLPath=/P (through
the IdP, where every user signs in with their password and no code; sso-user has no local
password, denied-user is refused by the IdP, locked-user by the cluster).`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function wholeNumber(flag: string, text: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > max)
    throw new UsageError(`--${flag} needs a whole number, got "${text}"`);
  return n;
}

/** Node's parseArgs messages are long; keep the first sentence, with a hint. */
function parseError(err: unknown): UsageError {
  const message = err instanceof Error ? err.message : String(err);
  const first = message.split('. ')[0] ?? message;
  return new UsageError(`${first.replace(/\.$/, '')} (see --help)`);
}

function readUsers(file: string): EmulatorOptions['users'] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--users ${file}: ${(err as Error).message}`);
  }
  try {
    return validateUsers(parsed);
  } catch (err) {
    throw new UsageError(`--users ${file}: ${(err as Error).message}`);
  }
}

/** Options for startEmulator, or 'help'. Throws UsageError. */
export function parseCliArgs(argv: string[]): EmulatorOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        dialects: { type: 'string' },
        validity: { type: 'string' },
        latency: { type: 'string' },
        'fail-rate': { type: 'string' },
        'sso-html': { type: 'boolean' },
        tls: { type: 'boolean' },
        users: { type: 'string' },
        'error-envelope': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw parseError(err);
  }
  if (values.help) return 'help';
  const options: EmulatorOptions = {};
  if (values.port !== undefined) options.port = wholeNumber('port', values.port, 65535);
  if (values.host !== undefined) {
    if (values.host === '') throw new UsageError('--host needs an address');
    options.host = values.host;
  }
  if (values.dialects !== undefined) {
    const list = values.dialects.split(',').map((d) => d.trim().toUpperCase());
    const bad = list.find((d) => !(ALL_DIALECTS as readonly string[]).includes(d));
    if (bad !== undefined) throw new UsageError(`--dialects takes A, B, C and/or V1, got "${bad}"`);
    options.dialects = [...new Set(list)] as Dialect[];
  }
  if (values.validity !== undefined) {
    options.validitySeconds = wholeNumber('validity', values.validity);
    if (options.validitySeconds === 0) throw new UsageError('--validity must be at least 1');
  }
  if (values.latency !== undefined) options.latencyMs = wholeNumber('latency', values.latency);
  const rate = values['fail-rate'];
  if (rate !== undefined) {
    const p = Number(rate);
    if (rate.trim() === '' || !(p >= 0 && p <= 1)) {
      throw new UsageError(`--fail-rate needs a number from 0 to 1, got "${rate}"`);
    }
    options.failRate = p;
  }
  if (values['sso-html']) options.ssoHtml = true;
  if (values.tls) options.tls = true;
  const envelope = values['error-envelope'];
  if (envelope !== undefined) {
    if (!(ERROR_ENVELOPES as readonly string[]).includes(envelope))
      throw new UsageError(`--error-envelope takes live or documented, got "${envelope}"`);
    options.errorEnvelope = envelope as ErrorEnvelope;
  }
  if (values.users !== undefined) {
    const users = readUsers(values.users);
    if (users) options.users = users;
  }
  return options;
}
