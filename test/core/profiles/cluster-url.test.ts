import { describe, expect, it } from 'vitest';
import { normalizeClusterUrl } from '../../../electron/core/profiles/index.js';

describe('cluster URL normalization', () => {
  it.each([
    ['https://acme.thoughtspot.cloud/', 'https://acme.thoughtspot.cloud'],
    ['https://acme.thoughtspot.cloud/#/home', 'https://acme.thoughtspot.cloud'],
    ['  https://ACME.thoughtspot.cloud//?x=1#/pinboard/42 ', 'https://acme.thoughtspot.cloud'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['https://proxy.example.com/thoughtspot/', 'https://proxy.example.com/thoughtspot'],
  ])('%s becomes %s', (typed, expected) => {
    expect(normalizeClusterUrl(typed)).toBe(expected);
  });

  it('assumes https only when asked', () => {
    expect(() => normalizeClusterUrl('acme.thoughtspot.cloud')).toThrow(
      'The cluster URL needs a scheme: https://acme.thoughtspot.cloud (or http:// for a local test cluster)',
    );
    expect(normalizeClusterUrl('acme.thoughtspot.cloud:8443/', { assumeHttps: true })).toBe(
      'https://acme.thoughtspot.cloud:8443',
    );
  });

  it.each([
    ['', 'The cluster URL is empty'],
    ['javascript:alert(1)', 'The cluster URL must start with https:// or http://, not javascript:'],
    ['ftp://files.example.com', 'The cluster URL must start with https:// or http://, not ftp:'],
    [
      'https://admin:pw@acme.example.com',
      'The cluster URL must not contain a username or password; enter those when signing in',
    ],
    [
      'https://acme.example.com/\nHost: evil',
      'The cluster URL contains spaces or control characters',
    ],
    ['https://', 'The cluster URL "https://" is not a valid URL'],
    [`https://a.example.com/${'x'.repeat(2100)}`, 'The cluster URL is longer than 2048 characters'],
  ])('rejects %j', (typed, message) => {
    expect(() => normalizeClusterUrl(typed)).toThrow(message);
  });
});
