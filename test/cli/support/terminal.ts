import { spawn } from 'node:child_process';
import type { TsmSandbox } from './run-tsm.js';
import { TSM_BIN } from './run-tsm.js';

export interface TerminalResult {
  code: number | null;
  /** Everything the terminal showed (stdout and stderr share it). */
  screen: string;
}

const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

export interface TerminalStep {
  waitFor: string;
  keys: string;
}

/**
 * Runs the real `tsm` binary on a real pseudo-terminal (util-linux `script`), and types each
 * step's `keys` once its `waitFor` shows on the screen, as a person at the keyboard would.
 */
export function runInTerminal(
  sandbox: TsmSandbox,
  args: string[],
  input: TerminalStep | TerminalStep[],
  env: NodeJS.ProcessEnv = {},
): Promise<TerminalResult> {
  const steps = Array.isArray(input) ? [...input] : [input];
  const command = [process.execPath, TSM_BIN, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
      env: sandbox.env(env),
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let screen = '';
    // Where the next step's text is looked for: after what the previous step waited on.
    let from = 0;
    let typing = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`"${steps[0]?.waitFor}" never showed; the terminal showed: ${screen}`));
    }, 10_000);
    const next = (): void => {
      const step = steps[0];
      if (!step || typing) return;
      const at = screen.indexOf(step.waitFor, from);
      if (at < 0) return;
      steps.shift();
      from = at + step.waitFor.length;
      typing = true;
      // The prompt is written just before the terminal is switched to raw mode: give it a moment.
      setTimeout(() => {
        child.stdin.write(step.keys);
        typing = false;
        next();
      }, 150);
    };
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      screen += text;
      next();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, screen });
    });
  });
}
