// session.fromPartition and what a partition's session holds, recorded: its cookies (as Electron's
// cookies.get reports them: Cookie structures with hostOnly and expirationDate in seconds), how
// often its storage was cleared, and the permission handlers set on it.

/** An Electron Cookie structure (docs/api/structures/cookie.md), as far as the tests need it. */
export interface DoubleCookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  session: boolean;
  expirationDate?: number;
  sameSite: 'unspecified' | 'no_restriction' | 'lax' | 'strict';
}

/** What a test puts into the browser: cookies.set's details, as a page's Set-Cookie would. */
export interface CookieDetails {
  url: string;
  name: string;
  value: string;
  /** With a domain, the cookie is a domain cookie (".example.com"); without, host-only. */
  domain?: string;
  path?: string;
  secure?: boolean;
  httpOnly?: boolean;
  expirationDate?: number;
}

function domainMatches(cookie: DoubleCookie, host: string): boolean {
  if (cookie.hostOnly) return cookie.domain === host;
  const bare = cookie.domain.replace(/^\./, '');
  return host === bare || host.endsWith(`.${bare}`);
}

function pathMatches(cookiePath: string, path: string): boolean {
  if (cookiePath === path || cookiePath === '/') return true;
  const prefix = cookiePath.endsWith('/') ? cookiePath : `${cookiePath}/`;
  return path.startsWith(prefix);
}

export class DoublePartitionCookies {
  readonly all: DoubleCookie[] = [];

  /** Like Electron's cookies.get({ url }): the cookies a request to `url` would carry. */
  get(filter: { url?: string }): Promise<DoubleCookie[]> {
    if (filter.url === undefined) return Promise.resolve([...this.all]);
    const target = new URL(filter.url);
    const https = target.protocol === 'https:';
    return Promise.resolve(
      this.all.filter(
        (c) =>
          domainMatches(c, target.hostname) &&
          pathMatches(c.path, target.pathname) &&
          (https || !c.secure),
      ),
    );
  }

  set(details: CookieDetails): Promise<void> {
    const host = new URL(details.url).hostname;
    const domain = details.domain === undefined ? host : `.${details.domain.replace(/^\./, '')}`;
    const cookie: DoubleCookie = {
      name: details.name,
      value: details.value,
      domain,
      hostOnly: details.domain === undefined,
      path: details.path ?? '/',
      secure: details.secure ?? false,
      httpOnly: details.httpOnly ?? false,
      session: details.expirationDate === undefined,
      sameSite: 'lax',
      ...(details.expirationDate === undefined ? {} : { expirationDate: details.expirationDate }),
    };
    const same = this.all.findIndex(
      (c) => c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path,
    );
    if (same >= 0) this.all.splice(same, 1);
    this.all.push(cookie);
    return Promise.resolve();
  }
}

export class DoublePartitionSession {
  readonly cookies = new DoublePartitionCookies();
  /** How many times clearStorageData ran. */
  cleared = 0;
  permissionRequest: ((...args: unknown[]) => void) | undefined;
  permissionCheck: ((...args: unknown[]) => boolean) | undefined;

  constructor(readonly partition: string) {}

  /** Forgets everything the pages kept: cookies included, as Electron's does by default. */
  clearStorageData(): Promise<void> {
    this.cleared++;
    this.cookies.all.splice(0);
    return Promise.resolve();
  }

  setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
    this.permissionRequest = handler;
  }

  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheck = handler;
  }

  /** A permission a page in this session asks for: what the handler granted (Electron: yes). */
  requestPermission(permission: string): Promise<boolean> {
    const handler = this.permissionRequest;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler({}, permission, resolve, {}));
  }
}

/** session.fromPartition: one session per partition name, the same object each time. */
export function createPartitions() {
  const partitions = new Map<string, DoublePartitionSession>();
  return {
    partitions,
    fromPartition: (partition: string): DoublePartitionSession => {
      let found = partitions.get(partition);
      if (!found) {
        found = new DoublePartitionSession(partition);
        partitions.set(partition, found);
      }
      return found;
    },
  };
}
