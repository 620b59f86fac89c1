// Plain HTML pages for the cluster's sign-in screens and the IdP: escaping, one page shell, one
// way to answer (no-store, utf-8), and reading a submitted form.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mediaType, type RawBody } from '../http-io.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for both element content and a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A hidden form field. */
export function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

/** An error line above a form; nothing when there is no error. */
export function errorLine(message: string | undefined): string {
  return message === undefined ? '' : `<p class="error" role="alert">${escapeHtml(message)}</p>`;
}

/** A whole page; `title` is text, `body` is HTML the caller built (and escaped). */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto}label{display:block;margin:.6rem 0}
input:not([type=hidden]){display:block;width:100%;padding:.3rem}.error{color:#b00020}</style>
</head><body>
${body}
</body></html>
`;
}

export interface HtmlReply {
  status: number;
  /** The page; a redirect has none. */
  html?: string;
  location?: string;
  cookies?: string[];
}

export function sendHtml(res: ServerResponse, reply: HtmlReply): void {
  const headers: Record<string, string | string[]> = { 'Cache-Control': 'no-store' };
  if (reply.location !== undefined) headers.Location = reply.location;
  if (reply.cookies !== undefined && reply.cookies.length > 0)
    headers['Set-Cookie'] = reply.cookies;
  const text = reply.html ?? '';
  headers['Content-Type'] = 'text/html; charset=utf-8';
  headers['Content-Length'] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers).end(text);
}

export const redirect = (location: string, cookies: string[] = []): HtmlReply => ({
  status: 302,
  location,
  cookies,
});

/** An error page: a heading and one sentence, with an optional way back. */
export function errorPage(
  status: number,
  title: string,
  message: string,
  back?: string,
): HtmlReply {
  const link = back === undefined ? '' : `<p><a href="${escapeHtml(back)}">Start again</a></p>`;
  return {
    status,
    html: page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>${link}`),
  };
}

/** The query of a request. */
export function queryOf(req: IncomingMessage): URLSearchParams {
  try {
    return new URL(req.url ?? '/', 'http://emulator').searchParams;
  } catch {
    return new URLSearchParams();
  }
}

/** A urlencoded form body, or undefined when the body is not one (or is too large). */
export function formOf(raw: RawBody, contentType: string | undefined): URLSearchParams | undefined {
  if (raw.tooLarge) return undefined;
  if (mediaType(contentType) !== 'application/x-www-form-urlencoded') return undefined;
  return new URLSearchParams(raw.bytes.toString('utf8'));
}

export const badForm = (): HtmlReply =>
  errorPage(400, 'Bad request', 'The form was not sent as application/x-www-form-urlencoded.');
