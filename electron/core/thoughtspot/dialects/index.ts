import type { Dialect } from '../types.js';
import type { DialectAdapter } from './adapter.js';
import { rest2Adapter } from './rest-2.js';
import { v2FamilyAdapter } from './v2-family.js';

const ADAPTERS: Record<Dialect, DialectAdapter> = {
  A: v2FamilyAdapter('A', '/api/rest/v2'),
  B: v2FamilyAdapter('B', '/tspublic/rest/v2'),
  C: rest2Adapter,
};

export function adapterFor(dialect: Dialect): DialectAdapter {
  return ADAPTERS[dialect];
}

/** Detection order: what clusters speak today first, the seed's dialect last. */
export const DETECTION_ORDER: readonly Dialect[] = ['C', 'B', 'A'];

export type {
  DialectAdapter,
  Caller,
  CallOptions,
  LoginResult,
  DialectSessionInfo,
} from './adapter.js';
