// Debian's Chromium with its DevTools endpoint open, as a person's running browser that tests hand
// to `tsm login --browser-endpoint` and browser mode; and a second CDP client that plays the person
// in the tab the product opened there.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** What Chromium needs on these machines when run as root (design.md, "Testing with real parts"). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export interface RunningChromium {
  /** `http://127.0.0.1:PORT`, the form `--remote-debugging-port` gives. */
  endpoint: string;
  /** The `ws://…/devtools/browser/…` URL Chromium printed. */
  wsEndpoint: string;
  /** The profile directory of this run (removed by close()). */
  userDataDir: string;
  /** Is the browser process still running? */
  running(): boolean;
  /** Disconnects every playPerson client, stops Chromium, removes its profile. */
  close(): Promise<void>;
}

/** The test's own CDP connections, per endpoint, so close() can end them. */
const people = new Map<string, Promise<Browser>>();

export async function startChromium(
  options: { headless?: boolean } = {},
): Promise<RunningChromium> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'tsm-chromium-'));
  const args = [
    ...CHROMIUM_FLAGS,
    '--remote-debugging-port=0',
    '--remote-debugging-address=127.0.0.1',
    `--user-data-dir=${userDataDir}`,
    ...(options.headless === false ? [] : ['--headless=new']),
    'about:blank',
  ];
  // Its own process group, so close() stops the helpers (zygote, renderers) with it.
  const child = spawn(CHROMIUM, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let wsEndpoint: string;
  try {
    wsEndpoint = await devToolsLine(child);
  } catch (error) {
    await stop(child);
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://${new URL(wsEndpoint).host}`;
  return {
    endpoint,
    wsEndpoint,
    userDataDir,
    running: () => child.exitCode === null && child.signalCode === null,
    close: async () => {
      const person = people.get(endpoint);
      people.delete(endpoint);
      await person?.then((b) => b.close()).catch(() => undefined);
      await stop(child);
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

/** Chromium prints `DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID` on stderr. */
function devToolsLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(
      () => reject(new Error(`Chromium printed no DevTools endpoint in 20 s:\n${stderr}`)),
      20_000,
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code ?? signal}) before listening:\n${stderr}`));
    });
  });
}

/** Stops Chromium and every process of its group, then waits for the group to be gone. */
async function stop(child: ChildProcess): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  const signalGroup = (signal: NodeJS.Signals | 0) => {
    try {
      process.kill(-group, signal);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  signalGroup('SIGTERM');
  const deadline = Date.now() + 5_000;
  while (signalGroup(0)) {
    if (Date.now() >= deadline) signalGroup('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The tab the PRODUCT opened in the browser at `endpoint` whose URL includes `urlIncludes`, as a
 * Page a test can fill like a person.
 *
 * Finding (playwright-core 1.65, Chromium 14x): `connectOverCDP` lists only the default context
 * in `browser.contexts()`; a context another CDP client creates later (the product's
 * `browser.newContext()`) never appears there as a context of its own. Its pages are still
 * attached (Playwright auto-attaches to every target) and are filed under the default context:
 * they show up in `browser.contexts()[0].pages()` and its 'page' event. So we look through every
 * listed context's pages, and wait for new ones, until one is at the URL asked for. The Page then
 * works as any other (fill, click, close); only context-wide calls (cookies) would act on the
 * default context, so do not use page.context() on it.
 */
/** Tabs playPerson already gave a test. */
const handedOut = new WeakSet<Page>();

export async function playPerson(
  endpoint: string,
  options: { urlIncludes: string; timeoutMs?: number },
): Promise<Page> {
  const { urlIncludes, timeoutMs = 15_000 } = options;
  let connecting = people.get(endpoint);
  if (!connecting) {
    connecting = chromium.connectOverCDP(endpoint);
    people.set(endpoint, connecting);
  }
  const browser = await connecting;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pages = browser.contexts().flatMap((c) => c.pages());
    // A tab handed out before is an earlier sign-in's, perhaps still closing: each sign-in opens
    // a tab of its own.
    const page = pages.find(
      (p) => !p.isClosed() && !handedOut.has(p) && p.url().includes(urlIncludes),
    );
    if (page) {
      handedOut.add(page);
      return page;
    }
    if (Date.now() >= deadline) {
      const seen = pages.map((p) => p.url()).join(', ') || 'none';
      throw new Error(`No tab at a URL with ${urlIncludes} within ${timeoutMs} ms (tabs: ${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
