import type { Dialect } from '../types.js';
import type { DialectAdapter } from './adapter.js';
import { rest2Adapter } from './rest-2.js';
import { restV1Adapter } from './rest-v1.js';
import { v2FamilyAdapter } from './v2-family.js';

const ADAPTERS: Record<Dialect, DialectAdapter> = {
  A: v2FamilyAdapter('A', '/api/rest/v2'),
  B: v2FamilyAdapter('B', '/tspublic/rest/v2'),
  C: rest2Adapter,
  V1: restV1Adapter,
};

export function adapterFor(dialect: Dialect): DialectAdapter {
  return ADAPTERS[dialect];
}

/**
 * Detection order: the newest a cluster speaks wins. Every cluster still serves v1, so it comes
 * last: only a cluster without any v2 (7.x/8.x Software) is taken for a v1 one.
 */
export const DETECTION_ORDER: readonly Dialect[] = ['C', 'B', 'A', 'V1'];

export { V1_NO_TOKENS } from './rest-v1.js';

export type {
  DialectAdapter,
  Caller,
  CallOptions,
  LoginResult,
  DialectSessionInfo,
} from './adapter.js';
