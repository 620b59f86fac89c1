/**
 * The first screen, prerendered into the page the bridge sends, so the sign-in form is usable as
 * soon as the HTML is parsed instead of after the scripts have loaded and asked for the profiles.
 * The renderer's server build does the rendering; this loads it once and feeds it the profile
 * list. Anything missing or failing leaves the page as built: the window then renders itself, as
 * it does in Electron.
 */
import { pathToFileURL } from 'node:url';
import type { ResponseOf } from '../ipc/contract.js';

type Prerender = (html: string, first: ResponseOf<'profiles:list'>) => string | undefined;

export type FirstScreen = (html: string) => Promise<string>;

export function firstScreen(
  modulePath: string,
  list: () => Promise<ResponseOf<'profiles:list'> | undefined>,
  warn: (message: string) => void = (message) => process.stderr.write(`${message}\n`),
): FirstScreen {
  let loading: Promise<Prerender | undefined> | undefined;
  const load = async (): Promise<Prerender | undefined> => {
    try {
      const loaded = (await import(pathToFileURL(modulePath).href)) as { prerender?: unknown };
      if (typeof loaded.prerender === 'function') return loaded.prerender as Prerender;
      warn(`${modulePath} has no prerender function; pages are rendered in the browser`);
    } catch (error) {
      warn(`Pages are rendered in the browser: ${modulePath} did not load (${String(error)})`);
    }
    return undefined;
  };
  return async (html) => {
    const prerender = await (loading ??= load());
    const first = prerender && (await list());
    if (!prerender || !first) return html;
    try {
      return prerender(html, first) ?? html;
    } catch (error) {
      warn(`The first screen could not be prerendered (${String(error)})`);
      return html;
    }
  };
}
