// Servers that break HTTP, JSON, TLS or the API's conventions, each paired with the typed error
// the client must end in. The field-by-field wrong types are in field-cases.ts.
import { BODY_CASES } from './body-cases.js';
import { CONNECTION_CASES } from './connection-cases.js';
export type { Servers, TransportCase } from './transport-case.js';

export const TRANSPORT_CASES = [...BODY_CASES, ...CONNECTION_CASES];
