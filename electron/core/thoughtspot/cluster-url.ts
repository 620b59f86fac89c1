import { InputError } from '../errors/index.js';

/** A cluster's address as the client uses it: http(s) origin plus an optional path prefix. */
export interface ClusterAddress {
  /** Origin to connect to, e.g. https://acme.thoughtspot.cloud */
  url: URL;
  /** Path prefix before the API paths, without a trailing slash ('' at the root). */
  prefix: string;
  /** Shown to people in messages; never contains credentials. */
  origin: string;
}

/** Checks a base URL strictly; profiles do the friendly normalization before this. */
export function parseClusterUrl(baseUrl: string): ClusterAddress {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InputError(
      'The cluster URL is not a valid URL; it should look like https://my-cluster.thoughtspot.cloud',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      `The cluster URL must start with https:// or http://, not ${url.protocol}`,
    );
  }
  if (url.username || url.password) {
    throw new InputError(
      'The cluster URL must not contain a username or password; enter those when signing in',
    );
  }
  const prefix = url.pathname.replace(/\/+$/, '');
  return { url: new URL(url.origin), prefix, origin: url.origin + prefix };
}
