import type { Dialect } from './api.js';

/** Each session API dialect by where it lives and when it shipped. */
export const DIALECT_NAMES: Record<Dialect, string> = {
  A: '/api/rest/v2 (2021)',
  B: '/tspublic/rest/v2 (2022)',
  C: '/api/rest/2.0 (9.0 and later)',
  V1: 'REST API v1 (7.x and later)',
};

/** Each dialect in plain words, for a person reading about their session. */
export const DIALECT_WORDS: Record<Dialect, string> = {
  A: 'REST API v2, first version (2021)',
  B: 'REST API v2, public beta (2022)',
  C: 'REST API 2.0 (9.0 and later)',
  V1: 'REST API v1 (7.x and 8.x)',
};

/** "Cookie session · REST API 2.0 (9.0 and later)": no dialect letters, no nested brackets. */
export function sessionWords(kind: 'cookie' | 'bearer', dialect: Dialect): string {
  return `${kind === 'cookie' ? 'Cookie session' : 'Bearer token'} · ${DIALECT_WORDS[dialect]}`;
}

/** REST API v1 issues no bearer tokens: the profile's dialect, fixed or detected, says so. */
export function issuesNoTokens(profile: {
  dialect: 'auto' | Dialect;
  detectedDialect?: Dialect | undefined;
}): boolean {
  return (profile.dialect === 'auto' ? profile.detectedDialect : profile.dialect) === 'V1';
}

/** The command a script runs under, quoted for a POSIX shell when the name needs it. */
export function execCommand(profileName: string): string {
  const name = /^[\w.@-]+$/.test(profileName)
    ? profileName
    : `'${profileName.replaceAll("'", "'\\''")}'`;
  return `tsm exec -p ${name} -- ./your-script.sh`;
}
