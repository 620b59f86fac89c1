import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layers are kept by lint: each case is a file that imports across a layer, linted with the
 * project's own config as if it stood at that path, and must fail with the rule that names it.
 */
// The probes exist only as text, so the type-aware rules (which need files on disk) are off;
// the layer rules read import paths alone.
const eslint = new ESLint({
  cwd: new URL('../..', import.meta.url).pathname,
  overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
});

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId?.includes('no-restricted-') && m.message.includes('Layers:'))
    .map((m) => m.message);
}

const CASES: [where: string, file: string, code: string, says: RegExp][] = [
  [
    'core importing electron',
    'electron/core/session/layer-probe.ts',
    "import { app } from 'electron';\nexport const name = app.name;\n",
    /electron\/core is plain Node/,
  ],
  [
    'core importing the contract',
    'electron/core/app/layer-probe.ts',
    "import { CONTRACT } from '../../ipc/contract.js';\nexport const c = CONTRACT;\n",
    /electron\/core imports none of/,
  ],
  [
    'core importing the CLI',
    'electron/core/layer-probe.ts',
    "export { main } from '../cli/tsm.js';\n",
    /electron\/core imports none of/,
  ],
  [
    'core importing web',
    'electron/core/profiles/layer-probe.ts',
    "import { startWebBridge } from '../../web/server.js';\nexport const s = startWebBridge;\n",
    /electron\/core imports none of/,
  ],
  [
    'ipc importing the Electron glue',
    'electron/ipc/layer-probe.ts',
    "import { createAppTray } from '../tray.js';\nexport const t = createAppTray;\n",
    /electron\/ipc imports only core/,
  ],
  [
    'ipc importing electron',
    'electron/ipc/layer-probe.ts',
    "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n",
    /electron\/ipc imports only core/,
  ],
  [
    'the CLI importing electron',
    'electron/cli/layer-probe.ts',
    "import { clipboard } from 'electron';\nexport const c = clipboard;\n",
    /cli and electron\/web run in plain Node/,
  ],
  [
    'web importing electron',
    'electron/web/layer-probe.ts',
    "import { net } from 'electron';\nexport const n = net;\n",
    /cli and electron\/web run in plain Node/,
  ],
  [
    'the CLI touching process',
    'electron/cli/layer-probe.ts',
    'export const home = process.env.HOME;\n',
    /the CLI reaches the process only through its io/,
  ],
  [
    'main code importing test code',
    'electron/layer-probe.ts',
    "export async function demo() {\n  return import('../test/emulator/index.js');\n}\n",
    /nothing under electron\/ imports test code/,
  ],
  [
    'the renderer importing core',
    'renderer/src/lib/layer-probe.ts',
    "import { fingerprint } from '../../../electron/core/audit/audit-log.js';\nexport const f = fingerprint;\n",
    /the renderer imports from electron\/ only/,
  ],
  [
    'the renderer importing the contract as a value',
    'renderer/src/lib/layer-probe.ts',
    "import { CONTRACT } from '../../../electron/ipc/contract.js';\nexport const c = CONTRACT;\n",
    /for its types only/,
  ],
];

describe('lint keeps the layers', () => {
  it.each(CASES)('refuses %s', async (_where, file, code, says) => {
    const errors = await layerErrors(file, code);
    expect(errors.join('\n')).toMatch(says);
  });

  it('lets the renderer import the contract for its types', async () => {
    const errors = await layerErrors(
      'renderer/src/lib/layer-probe.ts',
      "import type { ChannelName } from '../../../electron/ipc/contract.js';\nexport type C = ChannelName;\n",
    );
    expect(errors).toEqual([]);
  });

  it('lets core import core', async () => {
    const errors = await layerErrors(
      'electron/core/session/layer-probe.ts',
      "import { AuditLog } from '../audit/audit-log.js';\nexport const a = AuditLog;\n",
    );
    expect(errors).toEqual([]);
  });
});
