import type { Dialect } from './api.js';

/** Each session API dialect by where it lives and when it shipped. */
export const DIALECT_NAMES: Record<Dialect, string> = {
  A: '/api/rest/v2 (2021)',
  B: '/tspublic/rest/v2 (2022)',
  C: '/api/rest/2.0 (9.0 and later)',
  V1: 'REST API v1 (7.x and later)',
};
