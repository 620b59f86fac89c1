import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandNames } from '../../electron/cli/help.js';
import { requireBuiltCli, TSM_BIN, TsmSandbox } from './support/run-tsm.js';

let sandbox: TsmSandbox;
let binDir: string;

/** The shell, if this machine has it (none is installed for the tests). */
function which(shell: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${shell}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}
const ZSH = which('zsh');
const FISH = which('fish');

beforeAll(async () => {
  requireBuiltCli();
  sandbox = new TsmSandbox();
  // `tsm` on PATH, as an installed one would be: the scripts call it back for profile names.
  binDir = mkdtempSync(join(tmpdir(), 'tsm-bin-'));
  const tsm = join(binDir, 'tsm');
  writeFileSync(
    tsm,
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(TSM_BIN)} "$@"\n`,
  );
  chmodSync(tsm, 0o755);
  for (const name of ['Prod', 'Prod West', 'Staging']) {
    const add = await sandbox.run([
      'profile',
      'add',
      name,
      '--url',
      'https://a.example.com',
      '--user',
      'me',
    ]);
    expect(add.code).toBe(0);
  }
});
afterAll(() => {
  sandbox.dispose();
  rmSync(binDir, { recursive: true, force: true });
});

/** Runs bash with the script sourced as README says, then `body`; stdout back. */
function bash(body: string): string {
  return execFileSync('bash', ['-c', `source <(tsm completion bash)\n${body}`], {
    encoding: 'utf8',
    env: { ...sandbox.env(), PATH: `${binDir}:${process.env.PATH ?? ''}` },
    cwd: binDir,
  });
}

/** What bash completes for the words typed (the last one is the word under the cursor). */
function complete(...words: string[]): string[] {
  const quoted = words.map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  const out = bash(
    `COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _tsm_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
  );
  return out.split('\n').filter(Boolean);
}

describe('tsm completion (issue 14), checked by bash itself', () => {
  it('registers a completion function for tsm', () => {
    expect(bash('complete -p tsm').trim()).toBe('complete -F _tsm_complete tsm');
  });

  it('completes commands, profile subcommands, options and shells', () => {
    expect(complete('tsm', 'to')).toEqual(['token']);
    expect(complete('tsm', 'st')).toEqual(['status']);
    expect(complete('tsm', 'profile', 'e')).toEqual(['edit', 'export']);
    expect(complete('tsm', 'token', '--m')).toEqual(['--min-ttl']);
    expect(complete('tsm', 'profile', 'edit', 'Prod', '--no')).toEqual(['--no-auto-renew']);
    expect(complete('tsm', 'completion', 'f')).toEqual(['fish']);
    expect(complete('tsm', 'help', 'com')).toEqual(['completion']);
  });

  it('completes profile names after -p and after profile edit, quoted for the shell', () => {
    expect(complete('tsm', 'token', '-p', 'Pr')).toEqual(['Prod', 'Prod\\ West']);
    expect(complete('tsm', 'login', '--profile', 'S')).toEqual(['Staging']);
    expect(complete('tsm', 'profile', 'edit', 'St')).toEqual(['Staging']);
    expect(complete('tsm', 'profile', 'add', 'St')).toEqual([]);
  });

  it('asks tsm for names as you type, so a profile added after sourcing is completed', async () => {
    await sandbox.run([
      'profile',
      'add',
      'Sandbox',
      '--url',
      'https://b.example.com',
      '--user',
      'me',
    ]);
    expect(complete('tsm', 'info', '-p', 'Sa')).toEqual(['Sandbox']);
  });

  it('never evaluates a profile name: a name that is a command substitution stays text', async () => {
    const name = '$(touch pwned)`touch pwned2`';
    const add = await sandbox.run([
      'profile',
      'add',
      name,
      '--url',
      'https://c.example.com',
      '--user',
      'me',
    ]);
    expect(add.code).toBe(0);
    const offered = complete('tsm', 'token', '-p', '$');
    expect(offered).toHaveLength(1);
    expect(bash(`printf '%s' ${offered[0] ?? ''}`)).toBe(name);
    expect(existsSync(join(binDir, 'pwned')) || existsSync(join(binDir, 'pwned2'))).toBe(false);
  });

  it('reads names from settings without opening the keychain (no D-Bus session at all)', async () => {
    const result = await sandbox.run(['completion', '--profiles'], {
      env: {
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
        TSM_SECRET_STORE: 'encrypted-file',
      },
    });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n')).toEqual(
      expect.arrayContaining(['Prod', 'Prod West', 'Staging']),
    );
  });

  it('completes every command that has a help page, and each of those is a command', async () => {
    const words = complete('tsm', '');
    for (const command of commandNames()) {
      expect(words).toContain(command);
      expect((await sandbox.run([command, '--help'])).code).toBe(0);
    }
  });

  it('refuses an unknown shell', async () => {
    const result = await sandbox.run(['completion', 'tcsh']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/bash, zsh or fish/);
  });

  it.skipIf(!ZSH)(
    `zsh -n accepts the zsh script${ZSH ? '' : ' (skipped: zsh is not installed)'}`,
    async () => {
      const script = (await sandbox.run(['completion', 'zsh'])).stdout;
      expect(spawnSync(ZSH ?? 'zsh', ['-n'], { input: script }).status).toBe(0);
    },
  );

  it.skipIf(!FISH)(
    `fish -n accepts the fish script${FISH ? '' : ' (skipped: fish is not installed)'}`,
    async () => {
      // fish checks a file's syntax with -n; a script on stdin it would try to run.
      const file = join(binDir, 'tsm.fish');
      writeFileSync(file, (await sandbox.run(['completion', 'fish'])).stdout);
      const checked = spawnSync(FISH ?? 'fish', ['-n', file], { encoding: 'utf8' });
      expect(checked.stderr).toBe('');
      expect(checked.status).toBe(0);
    },
  );

  it('bash -n accepts the bash script', async () => {
    const script = (await sandbox.run(['completion', 'bash'])).stdout;
    expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0);
  });
});
