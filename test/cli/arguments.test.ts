// Issue 14: usage errors in our own words (no parser internals), secrets refused as options;
// issue 12: what follows `tsm exec --` belongs to the child, --json and --verbose included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { requireBuiltCli, TsmSandbox } from './support/run-tsm.js';

let emulator: RunningEmulator;
let sandbox: TsmSandbox;

beforeAll(async () => {
  requireBuiltCli();
  emulator = await startEmulator({ port: 0 });
  sandbox = new TsmSandbox();
  const add = await sandbox.run([
    'profile',
    'add',
    'Args',
    '--url',
    emulator.url,
    '--user',
    'tsadmin',
  ]);
  expect(add.code, add.stderr).toBe(0);
});
afterAll(async () => {
  await sandbox.run(['logout']);
  sandbox.dispose();
  await emulator.close();
});

describe('usage errors name the command and its help, never the parser', () => {
  it.each([
    [['token', '--colour'], 'unknown option --colour for "token"; see tsm token --help'],
    [['token', '-q'], 'unknown option -q for "token"; see tsm token --help'],
    [['logout', '--colour=red'], 'unknown option --colour for "logout"; see tsm logout --help'],
    [
      ['profile', 'add', 'X', '--colour'],
      'unknown option --colour for "profile add"; see tsm profile --help',
    ],
    [
      ['profile', 'add', 'X', '--url'],
      '--url needs a value for "profile add"; see tsm profile --help',
    ],
    [['token', '--json=yes'], '--json takes no value for "token"; see tsm token --help'],
    [['info', 'extra'], 'unexpected argument "extra" for "info"; see tsm info --help'],
    [['info', '-p', 'Args', 'x"y'], 'unexpected argument "x\\"y" for "info"; see tsm info --help'],
    [['token', '--\u001b[31mred'], 'unknown option --[31mred for "token"; see tsm token --help'],
  ])('tsm %j', async (args, line) => {
    const result = await sandbox.run(args);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `tsm: ${line}\n` });
    expect(result.stderr).not.toMatch(/Option '|ERR_PARSE|To specify a positional/);
    expect((result.stderr.replaceAll('\\"', '').match(/"/g) ?? []).length % 2).toBe(0);
  });

  it.each([
    [['login', '--password', 'hunter2'], 'passwords', '--password-stdin'],
    [['login', '--password=hunter2'], 'passwords', '--password-stdin'],
    [['token', '--secret-key', 'hunter2'], 'secret keys', '--secret-key-stdin'],
    [['login', '-p', 'Args', '--token', 'hunter2'], 'tokens', '--token-stdin'],
  ])('tsm %j: %s are never taken from arguments', async (args, what, flag) => {
    const result = await sandbox.run(args);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `tsm: ${what} are never taken from arguments; use ${flag} or the prompt\n`,
    });
  });

  it('the real binary says the same, and never repeats the secret', async () => {
    const result = await sandbox.spawn(['token', '--password', 'hunter2']);
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'tsm: passwords are never taken from arguments; use --password-stdin or the prompt\n',
    });
  });
});

describe('tsm exec: after -- everything is the child', () => {
  it('--json and --verbose after -- reach the child and leave tsm in text mode', async () => {
    const login = await sandbox.run(['login', '--bearer', '--password-stdin'], { stdin: 'admin' });
    expect(login.code, login.stderr).toBe(0);
    const script = 'printf "%s|" "$@"; exit 3';
    const result = await sandbox.run([
      'exec',
      '--',
      'sh',
      '-c',
      script,
      'sh',
      '--json',
      '--verbose',
    ]);
    expect(result).toEqual({ code: 3, stdout: '--json|--verbose|', stderr: '' });
  });

  it("a failing exec after -- --json reports in text, as tsm's own flags were not given", async () => {
    const result = await sandbox.run(['exec', '-p', 'Nope', '--', 'true', '--json']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'tsm: There is no profile named "Nope"\n',
    });
  });

  it("--help after -- is the child's, not a help page", async () => {
    const result = await sandbox.run([
      'exec',
      '--',
      'sh',
      '-c',
      'printf "%s|" "$@"',
      'sh',
      '--help',
      '-h',
    ]);
    expect(result).toEqual({ code: 0, stdout: '--help|-h|', stderr: '' });
  });
});
