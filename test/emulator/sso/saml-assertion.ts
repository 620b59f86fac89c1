// The SAML messages, signed-ish: an AuthnRequest the cluster sends and a Response the IdP signs
// with an HMAC key shared in-process (standing in for the IdP's certificate). Both travel as
// opaque base64, as real SAML messages do; the cluster verifies every field it relies on.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface AuthnRequest {
  id: string;
  /** Where the IdP must post the response. */
  acs: string;
}

export interface Assertion {
  issuer: string;
  audience: string;
  subject: string;
  inResponseTo: string;
  notOnOrAfter: number;
}

export type AssertionCheck = { ok: true; assertion: Assertion } | { ok: false; reason: string };

/** How long a signed response may be presented. */
export const ASSERTION_MS = 5 * 60 * 1000;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parse(text: string): unknown {
  try {
    return JSON.parse(unb64(text)) as unknown;
  } catch {
    return undefined;
  }
}

export const encodeAuthnRequest = (r: AuthnRequest): string => b64(JSON.stringify(r));

export function decodeAuthnRequest(text: string | null): AuthnRequest | undefined {
  const v = text === null ? undefined : parse(text);
  if (!isRecord(v) || typeof v.id !== 'string' || typeof v.acs !== 'string') return undefined;
  return { id: v.id, acs: v.acs };
}

const sign = (key: Buffer, payload: string) =>
  createHmac('sha256', key).update(payload).digest('base64');

/** The SAMLResponse value: the assertion and its signature over the exact bytes signed. */
export function signResponse(key: Buffer, assertion: Assertion): string {
  const payload = b64(JSON.stringify(assertion));
  return b64(JSON.stringify({ assertion: payload, signature: sign(key, payload) }));
}

function assertionOf(v: unknown): Assertion | undefined {
  if (!isRecord(v)) return undefined;
  const { issuer, audience, subject, inResponseTo, notOnOrAfter } = v;
  if (typeof issuer !== 'string' || typeof audience !== 'string') return undefined;
  if (typeof subject !== 'string' || typeof inResponseTo !== 'string') return undefined;
  if (typeof notOnOrAfter !== 'number') return undefined;
  return { issuer, audience, subject, inResponseTo, notOnOrAfter };
}

/** Checks the signature, the issuer, the audience and the time; the caller checks InResponseTo. */
export function verifyResponse(
  key: Buffer,
  text: string | null,
  expect: { issuer: string; audience: string; now: number },
): AssertionCheck {
  const outer = text === null ? undefined : parse(text);
  if (
    !isRecord(outer) ||
    typeof outer.assertion !== 'string' ||
    typeof outer.signature !== 'string'
  )
    return { ok: false, reason: 'The SAML response is missing or malformed.' };
  const want = Buffer.from(sign(key, outer.assertion));
  const got = Buffer.from(outer.signature);
  if (want.length !== got.length || !timingSafeEqual(want, got))
    return { ok: false, reason: 'The SAML response signature is not valid.' };
  const assertion = assertionOf(parse(outer.assertion));
  if (assertion === undefined) return { ok: false, reason: 'The SAML assertion is malformed.' };
  if (assertion.issuer !== expect.issuer)
    return { ok: false, reason: 'The SAML response comes from an unknown identity provider.' };
  if (assertion.audience !== expect.audience)
    return { ok: false, reason: 'The SAML assertion is meant for another service.' };
  if (assertion.notOnOrAfter <= expect.now)
    return { ok: false, reason: 'The SAML assertion has expired.' };
  return { ok: true, assertion };
}
