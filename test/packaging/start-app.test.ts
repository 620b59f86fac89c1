import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START = join(ROOT, 'bin/start-app.js');
const hasBinary = existsSync(join(ROOT, 'node_modules/electron/path.txt'));
const MISSING =
  'The Electron binary is not installed here (offline install); run the same app in a browser with `npm run web -- --demo`\n';

describe('npm start', () => {
  it.skipIf(hasBinary)(
    'without the Electron binary: one line pointing to the browser mode, no stack trace, no download',
    () => {
      const result = spawnSync(process.execPath, [START], { encoding: 'utf8', timeout: 10_000 });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(MISSING);
    },
  );

  it.skipIf(hasBinary)('--check says the same and exits 1, before anything is built', () => {
    const result = spawnSync(process.execPath, [START, '--check'], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(MISSING);
  });

  it.skipIf(hasBinary)(
    'the start script stops at the check: it never reaches the ~20 s build',
    () => {
      // The script's own `npm run build` finds `npm` on PATH: a stand-in there records any call.
      const dir = mkdtempSync(join(tmpdir(), 'tsm-start-'));
      try {
        const calls = join(dir, 'calls');
        writeFileSync(join(dir, 'npm'), `#!/bin/sh\necho "$@" >> '${calls}'\nexit 1\n`);
        chmodSync(join(dir, 'npm'), 0o755);
        const npm = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
        const result = spawnSync(npm, ['start', '--silent'], {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 30_000,
          env: { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` },
        });
        expect(result.stderr).toContain(MISSING);
        expect(result.status).not.toBe(0);
        expect(existsSync(calls) ? readFileSync(calls, 'utf8') : '').toBe('');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
