import { InputError } from '../errors/index.js';
import { hasControlCharacters } from '../text-checks.js';

const MAX_URL_LENGTH = 2048;

/**
 * Turns what a person typed or pasted (often a browser address like https://x/#/home) into a
 * cluster URL: scheme required (https assumed only when asked), no credentials, no hash, query
 * or trailing slash.
 */
export function normalizeClusterUrl(
  input: string,
  options: { assumeHttps?: boolean } = {},
): string {
  const typed = input.trim();
  if (!typed) throw new InputError('The cluster URL is empty');
  if (typed.length > MAX_URL_LENGTH)
    throw new InputError(`The cluster URL is longer than ${MAX_URL_LENGTH} characters`);
  if (hasControlCharacters(typed) || /\s/.test(typed)) {
    throw new InputError('The cluster URL contains spaces or control characters');
  }
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(typed) && !/^[^:/]+:\d+(\/|$)/.test(typed);
  let text = typed;
  if (!hasScheme) {
    if (!options.assumeHttps) {
      throw new InputError(
        `The cluster URL needs a scheme: https://${typed} (or http:// for a local test cluster)`,
      );
    }
    text = `https://${typed}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(`The cluster URL "${typed}" is not a valid URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      `The cluster URL must start with https:// or http://, not ${url.protocol}`,
    );
  }
  if (!url.hostname) throw new InputError('The cluster URL has no host name');
  if (url.username || url.password) {
    throw new InputError(
      'The cluster URL must not contain a username or password; enter those when signing in',
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}
