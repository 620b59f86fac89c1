// The dev launchers own the demo cluster: `npm run web -- --demo` (bin/web.js) starts the
// emulator and hands it to browser mode; nothing under electron/ imports test code.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every import/require specifier in the sources under a directory. */
function importsUnder(dir: string): { file: string; specifier: string }[] {
  const found = [];
  for (const file of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
    if (!/\.[cm]?ts$/.test(file)) continue;
    const source = readFileSync(join(ROOT, dir, file), 'utf8');
    for (const match of source.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)'([^']+)'/g))
      if (match[1]) found.push({ file: join(dir, file), specifier: match[1] });
  }
  return found;
}

describe('dev launchers', () => {
  it('no module under electron/ imports test/', () => {
    const all = importsUnder('electron');
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((i) => /(^|\/)test\//.test(i.specifier))).toEqual([]);
  });

  it('`npm run web -- --demo` prints the URL first, with a live demo cluster behind it', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'tsm-web-launcher-'));
    const child = spawn(process.execPath, [join(ROOT, 'bin/web.js'), '--demo'], {
      env: {
        ...process.env,
        TSM_CONFIG_DIR: configDir,
        TSM_SECRET_STORE: 'encrypted-file',
        TSM_SECRETS_PASSPHRASE: 'launcher-test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?key=/);
      const settings: unknown = JSON.parse(readFileSync(join(configDir, 'settings.json'), 'utf8'));
      expect(settings).toMatchObject({
        profiles: [
          { name: 'Demo cluster', username: 'tsadmin' },
          { name: 'Demo cluster (SSO)', auth: 'saml' },
        ],
      });
      const demoUrl = /"url": "([^"]+)"/.exec(
        readFileSync(join(configDir, 'settings.json'), 'utf8'),
      );
      const response = await fetch(`${demoUrl?.[1]}/api/rest/2.0/auth/session/user`);
      expect(response.status, 'the demo cluster answers (signed out: 401)').toBe(401);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(configDir, { recursive: true, force: true });
    }
  });
});
