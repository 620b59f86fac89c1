/**
 * The page with its first screen already rendered, for the web bridge to send, so the sign-in form
 * is there before any script has run (built by `vite build --ssr` into dist/renderer-ssr; never
 * part of the window's bundle). The window's main.ts takes the markup over.
 */
import { render } from 'svelte/server';
import App from './App.svelte';
import type { SessionApi } from './lib/api.js';
import { FIRST_DATA_ID, type FirstData } from './lib/first-screen.js';

// Effects never run on the server, so nothing here ever calls the API; if something did, it
// would say so rather than hang.
const NO_API: SessionApi = {
  invoke: (channel) => Promise.reject(new Error(`${channel} was called while prerendering`)),
  onEvent: () => () => undefined,
};

const APP_ROOT = '<div id="app"></div>';

/**
 * `html` (the built index.html) with the first screen inside its app root, and the list it was
 * rendered from beside it as a JSON block: data, not script, which the CSP (no inline script)
 * allows. `<` is escaped so no profile name can close the block. Undefined when the page has no
 * empty app root to fill.
 */
export function prerender(html: string, first: FirstData): string | undefined {
  if (!html.includes(APP_ROOT)) return undefined;
  const { body } = render(App, { props: { api: NO_API, first } });
  const json = JSON.stringify(first).replace(/</g, '\\u003c');
  const filled = `<div id="app">${body}</div>\n<script type="application/json" id="${FIRST_DATA_ID}">${json}</script>`;
  return html.replace(APP_ROOT, () => filled);
}
