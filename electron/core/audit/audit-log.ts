import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { StorageError } from '../errors/index.js';
import { withLockSync } from '../storage/file-lock.js';
import { stripControls } from '../thoughtspot/server-text.js';

export type AuditAction =
  | 'signed-in'
  | 'issued'
  /** A token the person pasted in and the cluster accepted. */
  | 'pasted'
  | 'renewed'
  | 'copied'
  /** Shown on screen by an explicit Reveal. */
  | 'revealed'
  | 'validated'
  | 'revoked'
  | 'signed-out'
  | 'error'
  /** A token for another user (trusted authentication); never stored. */
  | 'minted'
  /** The profile's session moved to another org ("switched to org Sales"). */
  | 'switched-org'
  | 'profile-added'
  /** `message` names the fields that changed, never their values' secrets (there are none). */
  | 'profile-edited'
  | 'profile-removed';

/** Who did it: the window (desktop or browser mode), the tray menu, or `tsm`. */
export const AUDIT_SOURCES = ['window', 'tray', 'cli'] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

/** What an 'error' line was trying to do, so "Failed" can say what failed. */
export const AUDIT_OPERATIONS = ['sign-in', 'renew', 'revoke'] as const;
export type AuditOperation = (typeof AUDIT_OPERATIONS)[number];

/** One line of the audit log. Never a token or a password: a token is named by its fingerprint. */
export interface AuditEntry {
  at: string;
  action: AuditAction;
  profileId: string;
  profile: string;
  /** Absent in lines written before sources were recorded. */
  source?: AuditSource;
  operation?: AuditOperation;
  fingerprint?: string;
  kind?: 'cookie' | 'bearer';
  code?: string;
  message?: string;
}

/** A short, stable name for a token: enough to tell tokens apart, useless to an attacker. */
export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12);
}

export interface AuditLogOptions {
  /** Rotate when the file grows past this (bytes). */
  maxBytes?: number;
  /** How many rotated files to keep (audit.log.1 … .N). */
  keep?: number;
  now?: () => number;
  /** Who writes through this log, unless a call runs inside `as(...)`. */
  source?: AuditSource;
}

/**
 * The audit log: JSON lines in the config directory, appended by the app and the CLI alike
 * (O_APPEND keeps each line whole), rotated at a size limit under the config directory's lock.
 */
export class AuditLog {
  readonly path: string;
  readonly #maxBytes: number;
  readonly #keep: number;
  readonly #now: () => number;
  readonly #source: AuditSource | undefined;
  /** The source of the work under way, when a host runs it as another (the tray in the app). */
  readonly #scope = new AsyncLocalStorage<AuditSource>();

  constructor(
    readonly dir: string,
    options: AuditLogOptions = {},
  ) {
    this.path = join(dir, 'audit.log');
    this.#maxBytes = options.maxBytes ?? 1024 * 1024;
    this.#keep = options.keep ?? 3;
    this.#now = options.now ?? Date.now;
    this.#source = options.source;
  }

  /** Runs `work` with every line it appends (however deep, however late) marked as `source`'s. */
  as<T>(source: AuditSource, work: () => T): T {
    return this.#scope.run(source, work);
  }

  append(entry: Omit<AuditEntry, 'at'>): void {
    const source = entry.source ?? this.#scope.getStore() ?? this.#source;
    const clean = cleanEntry({
      at: new Date(this.#now()).toISOString(),
      ...entry,
      ...(source ? { source } : {}),
    });
    const line = `${JSON.stringify(clean)}\n`;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      if (appendLine(this.path, line) > this.#maxBytes) this.#rotate();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new StorageError(`Could not write the audit log ${this.path} (${code})`, {
        cause: code,
      });
    }
  }

  /** Newest first, across the current and rotated files; unreadable lines are passed over. */
  read(filter: { profileId?: string; limit?: number } = {}): AuditEntry[] {
    if (filter.limit !== undefined && filter.limit <= 0) return [];
    const files = [
      this.path,
      ...Array.from({ length: this.#keep }, (_, i) => `${this.path}.${i + 1}`),
    ];
    const entries: AuditEntry[] = [];
    for (const file of files) {
      if (!existsSync(file)) continue;
      const lines = readFileSync(file, 'utf8').split('\n').reverse();
      for (const line of lines) {
        const entry = parseLine(line);
        if (!entry || (filter.profileId && entry.profileId !== filter.profileId)) continue;
        entries.push(entry);
        if (filter.limit !== undefined && entries.length >= filter.limit) return entries;
      }
    }
    return entries;
  }

  #rotate(): void {
    withLockSync(join(this.dir, 'audit.lock'), () => {
      // Another process may have rotated while we waited.
      if (!existsSync(this.path) || statSync(this.path).size <= this.#maxBytes) return;
      for (let i = this.#keep - 1; i >= 1; i--) {
        if (existsSync(`${this.path}.${i}`))
          renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
      }
      // With nothing to keep, the full log is simply started afresh.
      if (this.#keep < 1) unlinkSync(this.path);
      else renameSync(this.path, `${this.path}.1`);
    });
  }
}

/**
 * Appends one line in one write (O_APPEND keeps it whole) and returns the file's size after. A
 * line left unfinished before (a full disk, a crash) is ended first, so the two never merge into
 * one unreadable line and this entry is not lost with it.
 */
function appendLine(path: string, line: string): number {
  const fd = openSync(path, 'a+', 0o600);
  try {
    const { size } = fstatSync(fd);
    const last = Buffer.alloc(1);
    const unfinished = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
    writeSync(fd, unfinished ? `\n${line}` : line);
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

function parseLine(line: string): AuditEntry | undefined {
  if (!line.trim()) return undefined;
  try {
    const value = JSON.parse(line) as Partial<AuditEntry>;
    return typeof value.at === 'string' &&
      typeof value.action === 'string' &&
      typeof value.profileId === 'string'
      ? cleanEntry(value as AuditEntry)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Server text reaches entries (messages): a terminal showing `tsm log` must never receive its
 * escape sequences, whether the line was written by this version or an older one.
 */
function cleanEntry(entry: AuditEntry): AuditEntry {
  const out: AuditEntry = {
    ...entry,
    at: stripControls(entry.at),
    profileId: stripControls(entry.profileId),
  };
  for (const key of ['profile', 'fingerprint', 'code', 'message'] as const) {
    const value = entry[key];
    if (typeof value === 'string') out[key] = stripControls(value);
  }
  // A source or operation this version does not know (a newer one's, a damaged line) is left out.
  if (!known(AUDIT_SOURCES, out.source)) delete out.source;
  if (!known(AUDIT_OPERATIONS, out.operation)) delete out.operation;
  return out;
}

function known(values: readonly string[], value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && values.includes(value));
}
