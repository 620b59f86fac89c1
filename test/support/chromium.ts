// A Chromium of the test's own, handed to the product by its DevTools endpoint (as a person would
// with --remote-debugging-port), and the test's hands in it: the tab the product opened.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export interface RunningChromium {
  /** `http://127.0.0.1:PORT`, what `--browser-endpoint` / TSM_BROWSER_ENDPOINT take. */
  endpoint: string;
  close(): Promise<void>;
}

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Debian's Chromium, headless, with a fresh profile; its endpoint read from what it prints. */
export async function startChromium(): Promise<RunningChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'tsm-chromium-'));
  const child: ChildProcess = spawn(
    '/usr/bin/chromium',
    [
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      ...FLAGS,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`Chromium printed no endpoint: ${text}`)),
      20_000,
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /DevTools listening on ws:\/\/([^/\s]+)\//.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(`http://${match[1]}`);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${text}`)));
  });
  child.stderr?.resume();
  return {
    endpoint,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      // Chromium's helper processes may still be writing to the profile for a moment.
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

let hands: Promise<Browser> | undefined;
let handsFor: string | undefined;

/**
 * The tab the product opened in that browser, once its address includes `urlIncludes`. Another
 * DevTools client sees the pages of a context the product created (playwright lists them under
 * the browser's contexts), so the test fills in forms where the person would.
 */
export async function playPerson(
  endpoint: string,
  { urlIncludes, timeoutMs = 20_000 }: { urlIncludes: string; timeoutMs?: number },
): Promise<Page> {
  if (handsFor !== endpoint) {
    hands = chromium.connectOverCDP(endpoint);
    handsFor = endpoint;
  }
  const browser = await (hands as Promise<Browser>);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = browser
      .contexts()
      .flatMap((context) => context.pages())
      .find((p) => !p.isClosed() && p.url().includes(urlIncludes));
    if (page) return page;
    if (Date.now() > deadline) throw new Error(`No tab at ${urlIncludes} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
