import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { median } from './measure.js';
import type { BenchResult } from './result.js';

// `npm run web`'s launcher (it starts the demo cluster for --demo).
const WEB = fileURLToPath(new URL('../../bin/web.js', import.meta.url));
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** The same sign-in form as the app's, as plain HTML: the floor for "a usable form". */
const STATIC_FORM = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><main><h1>Sign in to Demo cluster</h1><form>
<label for="u">Username</label><input id="u" autocomplete="username" value="tsadmin">
<label for="p">Password</label><input id="p" type="password" autocomplete="current-password">
<button type="submit">Sign in</button> <button type="submit">Get token</button>
</form></main></body></html>`;

/**
 * Runs in the page before its own scripts: notes `performance.now()` (ms since navigation start)
 * when an enabled "Sign in" button first exists — opening the demo profile if it is listed
 * instead, as a person would with one click — and when the window's script has taken the page
 * over (`data-ready` on the root element), for context.
 */
const RECORDER = `(() => {
  const check = () => {
    if (window.__readyAt === undefined && document.documentElement.dataset.ready !== undefined)
      window.__readyAt = performance.now();
    if (window.__usableAt) return;
    const buttons = [...document.querySelectorAll('button')];
    const signIn = buttons.find((b) => b.textContent.trim() === 'Sign in' && !b.disabled);
    if (signIn) { window.__usableAt = performance.now(); return; }
    const open = buttons.find((b) => b.textContent.trim() === 'Demo cluster');
    if (open && !window.__clicked) { window.__clicked = true; open.click(); }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  document.addEventListener('DOMContentLoaded', check);
})();`;

interface Timings {
  usableAt: number;
  readyAt: number | undefined;
}

type Marks = { __usableAt?: number; __readyAt?: number };

async function timings(
  browser: Browser,
  url: string,
  cookie?: { name: string; value: string; url: string },
): Promise<Timings> {
  const context = await browser.newContext();
  if (cookie) await context.addCookies([cookie]);
  await context.addInitScript(RECORDER);
  const page = await context.newPage();
  await page.goto(url);
  const app = cookie !== undefined;
  await page.waitForFunction(
    (waitForReady) => {
      const marks = globalThis as Marks;
      return marks.__usableAt !== undefined && (!waitForReady || marks.__readyAt !== undefined);
    },
    app,
    { timeout: 15_000 },
  );
  const marks = await page.evaluate(() => {
    const { __usableAt, __readyAt } = globalThis as Marks;
    return { usableAt: __usableAt ?? Number.NaN, readyAt: __readyAt };
  });
  await context.close();
  return marks;
}

/** The printed link works once: it is opened as a person would, and its cookie reused. */
async function keyCookie(
  browser: Browser,
  link: URL,
): Promise<{ name: string; value: string; url: string }> {
  const context = await browser.newContext();
  try {
    await (await context.newPage()).goto(link.href);
    const found = (await context.cookies(link.origin)).find((c) => c.name === 'tsm_bridge');
    if (!found) throw new Error('the printed link set no tsm_bridge cookie');
    return { name: found.name, value: found.value, url: link.origin };
  } finally {
    await context.close();
  }
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end >= 0) resolve(out.slice(0, end));
    });
    child.on('exit', (code) => reject(new Error(`web mode exited with ${code}`)));
  });
}

/** Navigation start to an enabled "Sign in" in headless Chromium: the app against a static page. */
export async function benchFirstForm(runs: number): Promise<BenchResult> {
  const configDir = mkdtempSync(join(tmpdir(), 'tsm-form-'));
  const web = spawn(process.execPath, [WEB, '--demo', '--port', '0'], {
    env: {
      ...process.env,
      TSM_CONFIG_DIR: configDir,
      TSM_KEYCHAIN_SERVICE: `tsm-bench-form-${process.pid}`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(STATIC_FORM);
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const url = new URL(await firstLine(web));
    const cookie = await keyCookie(browser, url);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const staticUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await timings(browser, `${url.origin}/`, cookie); // warm both before measuring
    await timings(browser, staticUrl);
    const app: number[] = [];
    const ready: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      const measured = await timings(browser, `${url.origin}/`, cookie);
      app.push(measured.usableAt);
      ready.push(measured.readyAt ?? Number.NaN);
      floor.push((await timings(browser, staticUrl)).usableAt);
    }
    return {
      name: 'time to a usable sign-in form vs a static page',
      value: median(app) / median(floor),
      unit: '×',
      target: 1.5,
      detail: `medians ${median(app).toFixed(0)} ms vs ${median(floor).toFixed(0)} ms (headless Chromium, web mode's prerendered page; its script takes over at ${median(ready).toFixed(0)} ms)`,
    };
  } finally {
    await browser.close();
    server.close();
    web.kill('SIGTERM');
    rmSync(configDir, { recursive: true, force: true });
  }
}
