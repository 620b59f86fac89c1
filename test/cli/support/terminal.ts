import { spawn } from 'node:child_process';
import type { TsmSandbox } from './run-tsm.js';
import { TSM_BIN } from './run-tsm.js';

export interface TerminalResult {
  code: number | null;
  /** Everything the terminal showed (stdout and stderr share it). */
  screen: string;
}

const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * Runs the real `tsm` binary on a real pseudo-terminal (util-linux `script`), and types `keys`
 * once `waitFor` shows on the screen, as a person at the keyboard would.
 */
export function runInTerminal(
  sandbox: TsmSandbox,
  args: string[],
  input: { waitFor: string; keys: string },
): Promise<TerminalResult> {
  const command = [process.execPath, TSM_BIN, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
      env: sandbox.env(),
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let screen = '';
    let typed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`"${input.waitFor}" never showed; the terminal showed: ${screen}`));
    }, 10_000);
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      screen += text;
      if (typed || !screen.includes(input.waitFor)) return;
      typed = true;
      // The prompt is written just before the terminal is switched to raw mode: give it a moment.
      setTimeout(() => child.stdin.write(input.keys), 150);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, screen });
    });
  });
}
