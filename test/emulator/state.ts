// Cookie sessions and bearer tokens, timed by the emulator clock.
import { randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorClock } from './types.js';

export const SESSION_SECONDS = 2 * 60 * 60;
export const REMEMBER_ME_SECONDS = 7 * 24 * 60 * 60;
// Dead tokens are kept this long so that using one says "expired"/"revoked", not "unknown".
const TOMBSTONE_MS = 24 * 60 * 60 * 1000;

export interface Session {
  id: string;
  username: string;
  orgId: number;
  createdAt: number;
  expiresAt: number;
  rememberMe: boolean;
  /** The token handed out by C's GET /auth/session/token for this session. */
  token?: string;
}

export interface TokenRecord {
  value: string;
  username: string;
  orgId: number;
  createdAt: number;
  expiresAt: number;
  revoked: boolean;
  sessionId?: string;
  /** token/object: the one object the token is limited to. */
  objectId?: string;
}

export type TokenCheck =
  { kind: 'live'; token: TokenRecord } | { kind: 'expired' | 'revoked' | 'unknown' };

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly tokens = new Map<string, TokenRecord>();
  private issued = 0;

  constructor(private readonly clock: EmulatorClock) {}

  get tokenIssues(): number {
    return this.issued;
  }

  createSession(username: string, orgId: number, rememberMe: boolean): Session {
    const createdAt = this.clock.now();
    const seconds = rememberMe ? REMEMBER_ME_SECONDS : SESSION_SECONDS;
    const session = {
      id: randomUUID(),
      username,
      orgId,
      createdAt,
      expiresAt: createdAt + seconds * 1000,
      rememberMe,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id; an expired one is forgotten. */
  findSession(id: string): Session | undefined {
    const session = this.sessions.get(id);
    if (session && session.expiresAt <= this.clock.now()) {
      this.endSession(id);
      return undefined;
    }
    return session;
  }

  /** Ends a session; a token bound to it dies with it. */
  endSession(id: string): void {
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    if (session?.token !== undefined) this.revoke(session.token);
  }

  /** `counted` marks issues asked for by gettoken / token/full (what tokenRequests() reports). */
  issueToken(
    username: string,
    orgId: number,
    validitySeconds: number,
    counted: boolean,
    sessionId?: string,
  ): TokenRecord {
    this.prune();
    const createdAt = this.clock.now();
    const token: TokenRecord = {
      value: randomBytes(32).toString('base64url'),
      username,
      orgId,
      createdAt,
      expiresAt: createdAt + validitySeconds * 1000,
      revoked: false,
    };
    if (sessionId !== undefined) token.sessionId = sessionId;
    this.tokens.set(token.value, token);
    if (counted) this.issued += 1;
    return token;
  }

  checkToken(value: string): TokenCheck {
    const token = this.tokens.get(value);
    if (!token) return { kind: 'unknown' };
    if (token.revoked) return { kind: 'revoked' };
    if (token.expiresAt <= this.clock.now()) return { kind: 'expired' };
    return { kind: 'live', token };
  }

  findToken(value: string): TokenRecord | undefined {
    return this.tokens.get(value);
  }

  revoke(value: string): void {
    const token = this.tokens.get(value);
    if (token) token.revoked = true;
  }

  revokeAllOf(username: string): void {
    for (const token of this.tokens.values()) if (token.username === username) token.revoked = true;
  }

  private prune(): void {
    const horizon = this.clock.now() - TOMBSTONE_MS;
    for (const [value, token] of this.tokens)
      if (token.expiresAt < horizon) this.tokens.delete(value);
  }
}
