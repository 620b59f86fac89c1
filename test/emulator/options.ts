// Checks of programmatic options: a bad option is a thrown Error, not a half-working server.
import { validateUsers } from './accounts.js';
import type { Dialect, EmulatorOptions, EmulatorUser, ErrorEnvelope } from './types.js';

// Every cluster still serves v1, so a default emulator does too.
export const ALL_DIALECTS: readonly Dialect[] = ['A', 'B', 'C', 'V1'];
export const DEFAULT_VALIDITY_SECONDS = 300;
export const DEFAULT_SECRET_KEY = 'demo-secret-key';
export const ERROR_ENVELOPES: readonly ErrorEnvelope[] = ['live', 'documented'];

export interface CheckedOptions {
  port: number;
  host: string;
  dialects: ReadonlySet<Dialect>;
  validitySeconds: number;
  latencyMs: number;
  failRate: number;
  ssoHtml: boolean;
  tls: false | { altNames?: string[] };
  users: EmulatorUser[];
  secretKey: string;
  errorEnvelope: ErrorEnvelope;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

export function checkOptions(o: EmulatorOptions): CheckedOptions {
  const port = o.port ?? 0;
  check(Number.isInteger(port) && port >= 0 && port <= 65535, 'port must be 0..65535');
  const dialects = o.dialects ?? ALL_DIALECTS;
  check(
    dialects.length > 0 && dialects.every((d) => ALL_DIALECTS.includes(d)),
    'dialects must be a non-empty list of A, B, C, V1',
  );
  const validitySeconds = o.validitySeconds ?? DEFAULT_VALIDITY_SECONDS;
  check(
    Number.isSafeInteger(validitySeconds) && validitySeconds > 0,
    'validitySeconds must be a positive integer',
  );
  const latencyMs = o.latencyMs ?? 0;
  check(Number.isFinite(latencyMs) && latencyMs >= 0, 'latencyMs must be >= 0');
  const failRate = o.failRate ?? 0;
  check(failRate >= 0 && failRate <= 1, 'failRate must be between 0 and 1');
  const secretKey = o.secretKey ?? DEFAULT_SECRET_KEY;
  check(secretKey !== '', 'secretKey must not be empty');
  const errorEnvelope = o.errorEnvelope ?? 'live';
  check(ERROR_ENVELOPES.includes(errorEnvelope), 'errorEnvelope must be live or documented');
  return {
    port,
    host: o.host ?? '127.0.0.1',
    dialects: new Set(dialects),
    validitySeconds,
    latencyMs,
    failRate,
    ssoHtml: o.ssoHtml ?? false,
    tls: o.tls === true ? {} : (o.tls ?? false),
    users: validateUsers(o.users ?? []),
    secretKey,
    errorEnvelope,
  };
}
