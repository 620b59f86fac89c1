import { homedir } from 'node:os';
import { join } from 'node:path';
import { PRODUCT_NAME } from './product.js';

/**
 * Where settings, the audit log and locks live. The same directory as Electron's userData for our
 * product name, so the window and the terminal share one settings file; TSM_CONFIG_DIR overrides.
 */
export function configDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.TSM_CONFIG_DIR) return env.TSM_CONFIG_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}
