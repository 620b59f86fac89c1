// The deb puts `tsm` on PATH: its after-install script (which replaces electron-builder's own, so
// must keep it whole) links /usr/local/bin/tsm to the CLI shipped in resources/cli. No package
// is built here (electron-builder needs the Electron binary): the layout the config ships is
// rebuilt from its extraResources and run from outside the checkout.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATES = join(ROOT, 'node_modules/app-builder-lib/templates/linux');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The template's lines, shebang and blank lines aside. */
const linesOf = (text: string) =>
  text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#!'));

describe('deb: `tsm` on PATH', () => {
  it('the scripts keep electron-builder’s own after-install and after-remove whole', async () => {
    const config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
    expect(config.deb).toMatchObject({
      afterInstall: 'build/linux/after-install.sh',
      afterRemove: 'build/linux/after-remove.sh',
    });
    const install = read('build/linux/after-install.sh');
    const remove = read('build/linux/after-remove.sh');
    for (const line of linesOf(readFileSync(join(TEMPLATES, 'after-install.tpl'), 'utf8')))
      expect(install).toContain(line);
    for (const line of linesOf(readFileSync(join(TEMPLATES, 'after-remove.tpl'), 'utf8')))
      expect(remove).toContain(line);
    expect(install).toContain(`ln -sf "$TSM_HOME/bin/tsm.cjs" /usr/local/bin/tsm`);
    expect(remove).toContain('rm -f /usr/local/bin/tsm');
    for (const script of ['build/linux/after-install.sh', 'build/linux/after-remove.sh'])
      expect(spawnSync('bash', ['-n', join(ROOT, script)]).status).toBe(0);
  });

  it('the CLI as the package lays it out runs on its own, with the app’s keytar', async () => {
    const config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
    const resources = mkdtempSync(join(tmpdir(), 'tsm-deb-resources-'));
    try {
      const extra = (config.linux?.extraResources ?? []) as { from: string; to: string }[];
      expect(extra.length).toBeGreaterThan(0);
      for (const { from, to } of extra) {
        mkdirSync(dirname(join(resources, to)), { recursive: true });
        cpSync(join(ROOT, from), join(resources, to));
      }
      // What asarUnpack leaves beside the archive, and the link after-install.sh makes to it.
      const unpacked = join(resources, 'app.asar.unpacked/node_modules');
      cpSync(join(ROOT, 'node_modules/keytar'), join(unpacked, 'keytar'), { recursive: true });
      symlinkSync('../app.asar.unpacked/node_modules', join(resources, 'cli/node_modules'));

      const configDir = join(resources, 'config');
      const env = { PATH: process.env.PATH ?? '', HOME: resources, TSM_CONFIG_DIR: configDir };
      const tsm = (...args: string[]) =>
        spawnSync(process.execPath, [join(resources, 'cli/bin/tsm.cjs'), ...args], {
          cwd: resources,
          env,
          encoding: 'utf8',
        });
      const pkg = JSON.parse(read('package.json')) as { version: string };
      expect(tsm('--version')).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
      const add = tsm('profile', 'add', 'Prod', '--url', 'https://a.example', '--user', 'me');
      expect(add.stderr).toBe('');
      expect(add.status).toBe(0);
      expect(tsm('profile', 'list').stdout).toContain('Prod');
      const bundle = join(resources, 'cli/dist/cli/tsm.cjs');
      expect(createRequire(bundle).resolve('keytar')).toContain('app.asar.unpacked');
    } finally {
      rmSync(resources, { recursive: true, force: true });
    }
  });
});
