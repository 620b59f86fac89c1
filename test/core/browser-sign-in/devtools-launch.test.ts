// The Node BrowserSignIn port launching a browser itself (TSM_BROWSER, or one found on PATH): a
// visible Chromium, so it runs on an Xvfb display of its own, given to that launch only.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserEnv,
  devToolsBrowser,
} from '../../../electron/core/browser-sign-in/devtools-browser.js';
import { BrowserSignInError } from '../../../electron/core/errors/index.js';
import { CHROMIUM } from '../../support/chromium.js';
import { startRawServer, type RawServer } from '../../support/raw-server.js';
import { useTempDir } from '../../support/temp-dir.js';

const XVFB = '/usr/bin/Xvfb';
const hasXvfb = existsSync(XVFB);

let cluster: RawServer;
let xvfb: ChildProcess | undefined;
let display = '';

beforeAll(async () => {
  cluster = await startRawServer((request, response) => {
    response.writeHead(200, {
      'Content-Type': 'text/html',
      'Set-Cookie': 'JSESSIONID=launched-1; Path=/; HttpOnly',
    });
    response.end('ok');
  });
  if (hasXvfb) ({ xvfb, display } = await startXvfb());
}, 30_000);
afterAll(async () => {
  await cluster?.close();
  if (xvfb && xvfb.exitCode === null) {
    const exited = new Promise((resolve) => xvfb?.once('exit', resolve));
    xvfb.kill('SIGTERM');
    await exited;
  }
});

/** Xvfb on a display number it picks itself (`-displayfd`), so parallel runs do not collide. */
function startXvfb(): Promise<{ xvfb: ChildProcess; display: string }> {
  const child = spawn(
    XVFB,
    ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x800x24'],
    {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('Xvfb named no display in 10 s')), 10_000);
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve({ xvfb: child, display: `:${out.trim()}` });
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`Xvfb exited (${code}) before naming a display`)),
    );
  });
}

/** The browsers this test process started: its children whose command line is Chromium's. */
function launchedChromiums(): { pid: number; cmdline: string[]; environ: string[] }[] {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      // Chromium rewrites its own command line into one space-separated string once it runs.
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split(/[\0 ]/);
      // The browser playwright launched (over a pipe), not a helper of it nor another test's.
      if (!cmdline[0]?.includes('chromium') || !cmdline.includes('--remote-debugging-pipe'))
        continue;
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      found.push({ pid: Number(entry), cmdline, environ });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** The launched browser, once /proc shows it (Debian's wrapper script execs it a moment later). */
async function launchedChromium(): Promise<
  ReturnType<typeof launchedChromiums>[number] | undefined
> {
  for (let waited = 0; waited < 10_000; waited += 100) {
    const [browser] = launchedChromiums();
    if (browser) return browser;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

describe.skipIf(!hasXvfb)(
  'devToolsBrowser launching TSM_BROWSER (on Xvfb)',
  { timeout: 60_000 },
  () => {
    it('a visible browser with a temporary profile that is gone after close, without tsm variables', async () => {
      const signIn = devToolsBrowser({
        executable: CHROMIUM,
        env: {
          ...process.env,
          DISPLAY: display,
          TSM_SECRETS_PASSPHRASE: 'passphrase-for-the-vault',
          TS_TOKEN: 'a-token-for-scripts',
        },
      });
      const window = await signIn.open(`${cluster.url}/`, { title: 'Sign in to Test' });
      await expect.poll(() => window.lastPage()?.status, { timeout: 20_000 }).toBe(200);
      expect((await window.cookies(`${cluster.url}/`)).map((c) => c.name)).toEqual(['JSESSIONID']);

      const browser = await launchedChromium();
      expect(browser).toBeDefined();
      expect(browser?.cmdline).not.toContain('--headless');
      expect(browser?.cmdline).toContain('--no-sandbox'); // these tests run as root
      const profileArg = browser?.cmdline.find((a) => a.startsWith('--user-data-dir='));
      const profile = profileArg?.slice('--user-data-dir='.length) ?? '';
      expect(existsSync(profile)).toBe(true);
      // Chromium overwrites its /proc environ with its process title, so the environment it was
      // given is checked where it is made: tsm's variables are gone, DISPLAY is kept.
      const given = browserEnv({ DISPLAY: display, TSM_SECRETS_PASSPHRASE: 'p', TS_TOKEN: 't' });
      expect(given).toEqual({ DISPLAY: display });

      await window.close();
      await window.close();
      expect(existsSync(profile)).toBe(false);
      expect(launchedChromiums().map((b) => b.pid)).not.toContain(browser?.pid);
    });

    it("the person quitting the launched browser: ended is 'closed', its profile is gone", async () => {
      const signIn = devToolsBrowser({
        executable: CHROMIUM,
        env: { ...process.env, DISPLAY: display },
      });
      const window = await signIn.open(`${cluster.url}/`, { title: 'x' });
      try {
        await expect.poll(() => window.lastPage()?.status, { timeout: 20_000 }).toBe(200);
        const browser = await launchedChromium();
        const profile = browser?.cmdline.find((a) => a.startsWith('--user-data-dir='))?.slice(16);
        expect(profile && existsSync(profile)).toBe(true);
        // What the window manager's close of its last window or Ctrl-Q comes to: an orderly exit.
        process.kill(browser?.pid ?? 0, 'SIGTERM');
        await expect(window.ended).resolves.toBe('closed');
        await expect.poll(() => existsSync(profile ?? ''), { timeout: 15_000 }).toBe(false);
      } finally {
        await window.close();
      }
    });
  },
);

describe('devToolsBrowser when there is no browser to launch', () => {
  const tempDir = useTempDir('tsm-no-browser-');

  it('an empty PATH: one line naming TSM_BROWSER, TSM_BROWSER_ENDPOINT and the token paste', async () => {
    const error = await devToolsBrowser({ searchPath: '' })
      .open(`${cluster.url}/`, { title: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserSignInError);
    expect((error as BrowserSignInError).end).toBe('no-browser');
    expect((error as Error).message).toBe(
      'No Chromium-family browser found (chromium, google-chrome, microsoft-edge, brave): set ' +
        'TSM_BROWSER to one, or TSM_BROWSER_ENDPOINT to a running one, or paste a token: ' +
        'tsm profile edit NAME --auth token',
    );
  });

  it('a TSM_BROWSER that does not exist: named in the message', async () => {
    const missing = `${tempDir()}/no-such-browser`;
    await expect(
      devToolsBrowser({ executable: missing }).open(`${cluster.url}/`, { title: 'x' }),
    ).rejects.toThrow(`TSM_BROWSER names "${missing}", which does not exist`);
  });

  it('a TSM_BROWSER that is not a browser: says it did not start', async () => {
    const error = await devToolsBrowser({ executable: '/bin/false', env: {} })
      .open(`${cluster.url}/`, { title: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserSignInError);
    expect((error as Error).message).toMatch(/^The browser \/bin\/false did not start: \S/);
    expect((error as Error).message).not.toContain('\n');
  });
});
