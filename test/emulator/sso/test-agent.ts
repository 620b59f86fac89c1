// For the emulator's own tests: a person's browser reduced to what the sign-in pages need, over
// real HTTP. It follows nothing by itself (redirect: 'manual'), keeps cookies per origin by hand,
// and fills in the forms the pages serve.
export interface FetchInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  redirect: 'manual';
}

export interface FetchAnswer {
  status: number;
  headers: { get(name: string): string | null; getSetCookie(): string[] };
  text(): Promise<string>;
}

export type Fetcher = (url: string, init: FetchInit) => Promise<FetchAnswer>;

export interface Page {
  url: string;
  status: number;
  contentType: string | null;
  cacheControl: string | null;
  /** Absolute, when the answer is a redirect. */
  location: string | undefined;
  /** The raw Set-Cookie lines of this answer. */
  setCookies: string[];
  html: string;
}

export interface Form {
  action: string;
  method: string;
  /** Every named input with its value (hidden ones included). */
  fields: Record<string, string>;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
const attr = (tag: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? undefined;

/** The n-th form of a page, as a browser would submit it. */
export function formIn(page: Page, index = 0): Form {
  const forms = [...page.html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = forms[index];
  if (form === undefined) throw new Error(`no form #${index} on ${page.url}:\n${page.html}`);
  const fields: Record<string, string> = {};
  for (const [input] of (form[2] ?? '').matchAll(/<input\b[^>]*>/g)) {
    const name = attr(input, 'name');
    if (name !== undefined) fields[unescape(name)] = unescape(attr(input, 'value') ?? '');
  }
  return {
    action: new URL(unescape(attr(form[1] ?? '', 'action') ?? ''), page.url).href,
    method: (attr(form[1] ?? '', 'method') ?? 'get').toUpperCase(),
    fields,
  };
}

export class TestAgent {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(private readonly fetcher: Fetcher = fetch) {}

  /** The Cookie header this agent sends to an origin. */
  cookieHeader(url: string): string {
    const cookies = this.jar.get(new URL(url).origin) ?? new Map<string, string>();
    return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(url: string): Promise<Page> {
    return this.request(url, 'GET');
  }

  post(url: string, fields: Record<string, string>): Promise<Page> {
    return this.request(url, 'POST', new URLSearchParams(fields).toString());
  }

  /** Fills in the page's form (its own fields, overridden by `values`) and submits it. */
  submit(page: Page, values: Record<string, string> = {}, index = 0): Promise<Page> {
    const form = formIn(page, index);
    if (form.method !== 'POST') throw new Error(`form on ${page.url} is not a POST form`);
    return this.post(form.action, { ...form.fields, ...values });
  }

  /** Follows redirects as a browser would, up to a few. */
  async follow(page: Page, limit = 5): Promise<Page> {
    let current = page;
    for (let hops = 0; current.location !== undefined; hops += 1) {
      if (hops === limit) throw new Error(`more than ${limit} redirects from ${page.url}`);
      current = await this.get(current.location);
    }
    return current;
  }

  private async request(url: string, method: 'GET' | 'POST', body?: string): Promise<Page> {
    const headers: Record<string, string> = { Accept: 'text/html' };
    const cookie = this.cookieHeader(url);
    if (cookie !== '') headers.Cookie = cookie;
    const init: FetchInit = { method, headers, redirect: 'manual' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      init.body = body;
    }
    const res = await this.fetcher(url, init);
    const setCookies = res.headers.getSetCookie();
    this.keep(url, setCookies);
    const location = res.headers.get('location');
    return {
      url,
      status: res.status,
      contentType: res.headers.get('content-type'),
      cacheControl: res.headers.get('cache-control'),
      location: location === null ? undefined : new URL(location, url).href,
      setCookies,
      html: await res.text(),
    };
  }

  private keep(url: string, lines: string[]): void {
    const origin = new URL(url).origin;
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    for (const line of lines) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = value === '' || attrs.some((a) => a.trim() === 'Max-Age=0');
      if (gone) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(origin, cookies);
  }
}
