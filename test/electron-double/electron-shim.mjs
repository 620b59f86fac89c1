// `electron` for packages Node loads natively. Modules stay cached for the whole test file while
// each test installs a fresh double, so every object forwards to the double installed now.
function current() {
  const double = globalThis.tsmElectronDouble;
  if (!double) throw new Error('No Electron double installed');
  return double.electron;
}

function forward(name) {
  return new Proxy(
    {},
    {
      get(_target, key) {
        const target = current()[name];
        const value = target[key];
        return typeof value === 'function' ? value.bind(target) : value;
      },
    },
  );
}

export const app = forward('app');
export const ipcMain = forward('ipcMain');
export const shell = forward('shell');
export default { app, ipcMain, shell };
