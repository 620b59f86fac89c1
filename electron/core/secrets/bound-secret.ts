/**
 * A stored secret tied to the cluster and user it was given for. The envelope is a prefix no
 * secret or earlier entry starts with, then JSON: entries written before bindings existed read
 * back as `unbound` and are adopted by the profile as it is on their first checked read.
 */
export interface Binding {
  /** The profile's normalized cluster URL (scheme, host, port, path prefix). */
  url: string;
  username: string;
}

const PREFIX = 'tsm-bound:1:';

export type DecodedSecret =
  { kind: 'bound'; binding: Binding; secret: string } | { kind: 'unbound'; secret: string };

export function encodeBound(secret: string, binding: Binding): string {
  return `${PREFIX}${JSON.stringify({ url: binding.url, username: binding.username, secret })}`;
}

/** A damaged envelope is reported as `undefined`: it is no use to anyone and is forgotten. */
export function decodeBound(raw: string): DecodedSecret | undefined {
  if (!raw.startsWith(PREFIX)) return { kind: 'unbound', secret: raw };
  try {
    const parsed = JSON.parse(raw.slice(PREFIX.length)) as Record<string, unknown>;
    const { url, username, secret } = parsed;
    if (typeof url !== 'string' || typeof username !== 'string') return undefined;
    if (typeof secret !== 'string' || secret.length === 0) return undefined;
    return { kind: 'bound', binding: { url, username }, secret };
  } catch {
    return undefined;
  }
}

export function sameBinding(a: Binding, b: Binding): boolean {
  return a.url === b.url && a.username === b.username;
}
