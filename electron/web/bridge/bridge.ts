/**
 * The browser's `window.sessionApi`: the same shape as the preload's, over HTTP. Bundled at
 * build time into /bridge.js and loaded before the app, so the renderer cannot tell which
 * transport it has. The key travels in an HttpOnly cookie: this script never sees it. The cookie
 * also reaches every other port of 127.0.0.1, so each call carries a second secret too: the page
 * key, read once from our own origin and kept in this closure, never in storage or the DOM.
 */
import type { AppEvent, ChannelName, Envelope, SessionApi } from '../../ipc/contract.js';
import { errorFromWire, type WireError } from '../../ipc/wire-error.js';
import { PAGE_KEY_HEADER, PAGE_KEY_PATH } from './protocol.js';

/** What a 403 means here: the page lost (or never had) the per-launch key. */
const UNAUTHORIZED: WireError = {
  code: 'FORBIDDEN',
  message: 'This page is not authorized; open the URL printed by npm run web again',
  details: {},
};
const DISCONNECTED: WireError = {
  code: 'NETWORK',
  message: 'Disconnected from the app: start it again (npm run -s web) and reload',
  details: {},
};
const RECONNECT_MS = 1000;

const listeners = new Set<(event: AppEvent) => void>();
const connectionListeners = new Set<(connected: boolean) => void>();
let connected = true;
let pageKey: Promise<string | undefined> | undefined;

async function fetchPageKey(): Promise<string | undefined> {
  const response = await fetch(PAGE_KEY_PATH, { credentials: 'same-origin' });
  if (!response.ok) return undefined;
  const { key } = (await response.json()) as { key?: unknown };
  return typeof key === 'string' ? key : undefined;
}

/** Tells the page when it loses (or finds again) the app behind it; said once per change. */
function setConnected(now: boolean): void {
  if (now === connected) return;
  connected = now;
  for (const listener of connectionListeners) listener(now);
}

/** The headers every API call sends; the key is asked for again only when it could not be had. */
async function keyHeaders(): Promise<Record<string, string>> {
  const key = await (pageKey ??= fetchPageKey().catch(() => undefined));
  if (key === undefined) pageKey = undefined;
  return key === undefined ? {} : { [PAGE_KEY_HEADER]: key };
}

async function invoke(channel: ChannelName, request: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await keyHeaders()) },
      body: JSON.stringify(request === undefined ? null : request),
      credentials: 'same-origin',
    });
  } catch {
    // No answer at all: the app has stopped (or this machine's loopback is gone).
    setConnected(false);
    throw errorFromWire(DISCONNECTED);
  }
  // A 403 after a restart is a new launch's key: this page is as cut off as with no server.
  setConnected(response.status !== 403);
  if (response.status === 403) throw errorFromWire(UNAUTHORIZED);
  const envelope = (await response.json()) as Envelope<unknown>;
  if (envelope.ok) return envelope.data;
  throw errorFromWire(envelope.error);
}

/** The `data:` lines of one server-sent event, joined; empty for a comment or keep-alive. */
function dataOf(frame: string): string {
  return frame
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice(6))
    .join('\n');
}

async function readEvents(): Promise<void> {
  const response = await fetch('/api/events', {
    credentials: 'same-origin',
    headers: await keyHeaders(),
  });
  setConnected(response.ok);
  if (!response.ok || !response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffered += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const data = dataOf(buffered.slice(0, end));
      buffered = buffered.slice(end + 2);
      if (!data) continue;
      const event = JSON.parse(data) as AppEvent;
      for (const listener of listeners) listener(event);
    }
  }
}

/** Follows the event stream for the page's lifetime, reconnecting when the server goes away. */
async function listen(): Promise<never> {
  for (;;) {
    // The stream only ends when the server does: until it answers again, the page is cut off.
    await readEvents().catch(() => undefined);
    setConnected(false);
    await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
  }
}

void listen();

Object.defineProperty(window, 'sessionApi', {
  value: Object.freeze({
    invoke,
    onEvent(listener: (event: AppEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnection(listener: (connected: boolean) => void) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  } as SessionApi),
});
