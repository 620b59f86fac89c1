import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt } from 'node:crypto';
import { KeychainError } from '../errors/index.js';

/**
 * The encrypted secrets file: versioned JSON whose `data` is the whole account→value map,
 * AES-256-GCM encrypted under a scrypt key. `kdf.check` (an HMAC of a constant under the key)
 * tells a wrong passphrase apart from damaged data, which GCM alone cannot.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's minimum for scrypt: about 0.4 s and 128 MiB on a laptop; tests inject smaller ones. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/** A file protected by less than this is refused (it is upgraded on write when above it). */
export const MIN_SCRYPT_N = 2 ** 14;

export interface Kdf extends ScryptParams {
  name: 'scrypt';
  salt: string;
  check: string;
}

export interface SecretsFile {
  format: 'tsm-secrets';
  version: 1;
  kdf: Kdf;
  cipher: 'aes-256-gcm';
  iv: string;
  tag: string;
  data: string;
}

export type Entries = Record<string, string>;

export function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // maxmem: scrypt needs 128*N*r bytes (128 MiB at N=2^17, r=8); Node's default is 32 MiB.
  const maxmem = 256 * params.N * params.r * params.p + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase, salt, 32, { ...params, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export function keyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('tsm-secrets passphrase check').digest('base64');
}

export function newKdf(params: ScryptParams): Omit<Kdf, 'check'> {
  return { name: 'scrypt', ...params, salt: randomBytes(16).toString('base64') };
}

export function encryptEntries(entries: Entries, key: Buffer, kdf: Kdf): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(entries), 'utf8'), cipher.final()]);
  const file: SecretsFile = {
    format: 'tsm-secrets',
    version: 1,
    kdf,
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function corrupt(path: string, reason: string): KeychainError {
  return new KeychainError(
    'CORRUPT',
    `The secrets file at ${path} is damaged (${reason}) and was left as it is; move it aside ` +
      'and sign in again to make a new one',
  );
}

/** Checks the shape of the file before any crypto, so damage is reported as such. */
export function parseSecretsFile(text: string, path: string): SecretsFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw corrupt(path, 'not JSON');
  }
  if (!isRecord(parsed) || parsed.format !== 'tsm-secrets') {
    throw corrupt(path, 'not a secrets file');
  }
  const { version, kdf, cipher, iv, tag, data } = parsed;
  if (typeof version === 'number' && version > 1) {
    throw new KeychainError(
      'CORRUPT',
      `The secrets file at ${path} was written by a newer version of the app (format ` +
        `${version}); update the app to read it`,
    );
  }
  if (version !== 1 || !isKdf(kdf) || cipher !== 'aes-256-gcm') {
    throw corrupt(path, 'its header is incomplete');
  }
  if (!isBase64(iv) || !isBase64(tag) || !isBase64(data)) {
    throw corrupt(path, 'its header is incomplete');
  }
  if (decodedLength(iv) !== 12 || decodedLength(tag) !== 16) {
    throw corrupt(path, 'its header is incomplete');
  }
  return parsed as unknown as SecretsFile;
}

/** The key is known to be right (kdf.check matched), so a failure here is damage. */
export function decryptEntries(file: SecretsFile, key: Buffer, path: string): Entries {
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
    const data = Buffer.from(file.data, 'base64');
    plain = Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    throw corrupt(path, 'its contents fail the integrity check');
  }
  let entries: unknown;
  try {
    entries = JSON.parse(plain);
  } catch {
    throw corrupt(path, 'its contents are not JSON');
  }
  if (!isRecord(entries) || !Object.values(entries).every((v) => typeof v === 'string')) {
    throw corrupt(path, 'its contents are not a list of secrets');
  }
  return entries as Entries;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBase64(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
}

function decodedLength(base64: string): number {
  return Buffer.from(base64, 'base64').length;
}

/** Bounds stop a hostile file from making scrypt eat all memory or time. */
function isKdf(value: unknown): value is Kdf {
  if (!isRecord(value) || value.name !== 'scrypt') return false;
  const { N, r, p, salt, check } = value;
  return (
    typeof N === 'number' &&
    Number.isInteger(Math.log2(N)) &&
    N >= 2 &&
    N <= 2 ** 20 &&
    typeof r === 'number' &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= 32 &&
    typeof p === 'number' &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= 16 &&
    128 * N * r <= 256 * 1024 * 1024 &&
    isBase64(salt) &&
    decodedLength(salt) >= 16 &&
    isBase64(check)
  );
}
