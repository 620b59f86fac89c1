import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { isTrustedSender } from './core/shell/trusted-sender.js';
import { CHANNEL_NAMES, EVENT_CHANNEL, type AppEvent } from './ipc/contract.js';
import { dispatch, type Handlers } from './ipc/dispatch.js';

/**
 * Registers every channel of the contract with ipcMain. Messages from any frame other than our
 * window's own page are refused before their content is looked at.
 */
export function registerIpc(
  handlers: Handlers,
  window: () => BrowserWindow | undefined,
  appUrl: string,
): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const own = window();
    const frame = event.senderFrame;
    return isTrustedSender({
      isMainFrame: frame !== null && frame === event.sender.mainFrame,
      isOurWindow: own !== undefined && event.sender.id === own.webContents.id,
      url: frame?.url ?? '',
      appUrl,
    });
  };
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, request: unknown) =>
      trusted(event)
        ? dispatch(handlers, channel, request)
        : {
            ok: false,
            error: { code: 'INVALID_INPUT', message: 'Refused: not our window', details: {} },
          },
    );
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

export function sendEvent(window: BrowserWindow | undefined, event: AppEvent): void {
  if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
}
