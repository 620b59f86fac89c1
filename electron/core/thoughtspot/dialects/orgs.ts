import * as v from 'valibot';
import { InputError, ResponseError, isAppError } from '../../errors/index.js';
import type { Auth } from '../http-session.js';
import { cleanServerText } from '../server-text.js';
import { parseShape } from '../shapes.js';
import type { Dialect } from '../types.js';
import type { Caller } from './adapter.js';

/** An org as the person sees it: always with a name (the cluster's, or "Org N" without one). */
export interface OrgEntry {
  id: number;
  name: string;
}

/** The orgs the signed-in user may enter, and the one the session is in now. */
export interface OrgList {
  current: OrgEntry;
  orgs: OrgEntry[];
}

const C_USER = '/api/rest/2.0/auth/session/user';
/** REST API v1's org calls; every cluster serves them, so a C cookie session switches here too. */
const V1_ORGS = '/callosum/v1/tspublic/v1/session/orgs';
const V1_HEADERS = { 'X-Requested-By': 'ThoughtSpot' };
export const MAX_ORG_NAME = 200;

const orgId = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1));
/** A server's org name goes to terminals and windows: control characters out, length bounded. */
const orgName = v.optional(
  v.nullable(
    v.pipe(
      v.string(),
      v.transform((name) => cleanServerText(name, [], MAX_ORG_NAME)),
    ),
  ),
);

const cOrg = v.object({ id: orgId, name: orgName });
const cUserOrgs = v.object({
  name: v.string(),
  current_org: v.optional(v.nullable(cOrg)),
  orgs: v.optional(v.nullable(v.array(cOrg))),
});
const v1Orgs = v.object({
  orgs: v.optional(
    v.nullable(
      v.array(v.object({ orgId, orgName, isActive: v.optional(v.nullable(v.boolean())) })),
    ),
  ),
  currentOrgId: v.optional(v.nullable(orgId)),
});

function entry(id: number, name: string | null | undefined): OrgEntry {
  return { id, name: name?.trim() ? name : `Org ${id}` };
}

/** The orgs of the session's user: C's session/user, or v1's session/orgs (8.10.0.cl and later). */
export async function listOrgs(call: Caller, auth: Auth, dialect: Dialect): Promise<OrgList> {
  const operation = 'list orgs';
  const context = call.context(operation);
  if (dialect === 'C') {
    const answer = await call.send('GET', C_USER, { auth, operation });
    const user = parseShape(cUserOrgs, answer.body, context);
    const orgs = (user.orgs ?? []).map((o) => entry(o.id, o.name));
    const current = user.current_org;
    return complete(context.origin, orgs, current ? entry(current.id, current.name) : undefined);
  }
  if (dialect === 'V1') {
    let body: unknown;
    try {
      const path = `${V1_ORGS}?batchsize=-1&offset=-1`;
      body = (await call.send('GET', path, { auth, operation, headers: V1_HEADERS })).body;
    } catch (error) {
      // Before 8.10.0.cl v1 had no such call: that is the cluster's version, not a fault.
      if (isAppError(error) && error.details.status === 404) {
        throw new InputError(
          `${context.origin} has no call that lists orgs (REST API v1 has one from 8.10.0.cl on)`,
        );
      }
      throw error;
    }
    const list = parseShape(v1Orgs, body, context);
    const orgs = (list.orgs ?? [])
      .filter((o) => o.isActive !== false)
      .map((o) => entry(o.orgId, o.orgName));
    const id = list.currentOrgId;
    const current =
      id === undefined || id === null
        ? undefined
        : (orgs.find((o) => o.id === id) ?? entry(id, undefined));
    return complete(context.origin, orgs, current);
  }
  throw new InputError(
    `Dialect ${dialect} has no call that lists orgs; that needs /api/rest/2.0 (dialect C) or REST API v1`,
  );
}

function complete(origin: string, orgs: OrgEntry[], current: OrgEntry | undefined): OrgList {
  if (orgs.length === 0) {
    throw new InputError(`${origin} lists no orgs for this user (orgs may be off on this cluster)`);
  }
  if (!current) {
    throw new ResponseError(
      'UNEXPECTED_RESPONSE',
      `${origin} listed the user's orgs but not the one the session is in`,
      { url: origin },
    );
  }
  return { current, orgs };
}

/** Moves a cookie session (SSO included) to another org: v1's PUT session/orgs, form-encoded. */
export async function switchOrgCookieSession(call: Caller, id: number): Promise<void> {
  await call.send('PUT', V1_ORGS, {
    form: { orgid: String(id) },
    headers: V1_HEADERS,
    expect: 'text',
    auth: { kind: 'cookie' },
    operation: 'switch org',
  });
}
