/**
 * The browser's `window.sessionApi`: the same shape as the preload's, over HTTP. Served as
 * /bridge.js and loaded before the app, so the renderer cannot tell which transport it has.
 * The key travels in an HttpOnly cookie: this script never sees it.
 */
export const BRIDGE_SCRIPT = `(() => {
  'use strict';
  const listeners = new Set();
  function rebuild(error) {
    const e = new Error(error.message);
    e.name = 'SessionApiError';
    e.code = error.code;
    e.details = error.details || {};
    return e;
  }
  async function invoke(channel, request) {
    const response = await fetch('/api/invoke/' + encodeURIComponent(channel), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request === undefined ? null : request),
      credentials: 'same-origin',
    });
    if (response.status === 403) throw rebuild({ code: 'FORBIDDEN', message: 'This page is not authorized; open the URL printed by npm run web again', details: {} });
    const envelope = await response.json();
    if (envelope.ok) return envelope.data;
    throw rebuild(envelope.error);
  }
  async function listen() {
    for (;;) {
      try {
        const response = await fetch('/api/events', { credentials: 'same-origin' });
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffered = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffered += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffered.indexOf('\\n\\n')) >= 0) {
            const frame = buffered.slice(0, end);
            buffered = buffered.slice(end + 2);
            const data = frame.split('\\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\\n');
            if (data) { const event = JSON.parse(data); for (const l of listeners) l(event); }
          }
        }
      } catch (_) { /* the server went away; try again shortly */ }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  listen();
  Object.defineProperty(window, 'sessionApi', {
    value: Object.freeze({
      invoke,
      onEvent(listener) { listeners.add(listener); return () => listeners.delete(listener); },
    }),
  });
})();
`;
