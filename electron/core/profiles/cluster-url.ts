import { InputError } from '../errors/index.js';
import { hasControlCharacters } from '../text-checks.js';
import { parseClusterUrl } from '../thoughtspot/cluster-url.js';

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
  if (!URL.canParse(text)) throw new InputError(`The cluster URL "${typed}" is not a valid URL`);
  // The client's own check (http/https only, no credentials) yields the stored form.
  return parseClusterUrl(text).origin;
}
