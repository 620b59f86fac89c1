// The window's only door to the main process. Sandboxed preloads cannot import our modules, so
// this file stands alone; its shape is derived from the contract (types only, erased at build).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS
import electron = require('electron');
import type { IpcRendererEvent } from 'electron';
import type { AppEvent, ChannelName, Envelope, SessionApi, WireError } from './ipc/contract.js';

const { contextBridge, ipcRenderer } = electron;

const EVENT_CHANNEL = 'events:app';

/** Errors cross as data; rebuild them so the renderer can branch on `code`. */
function rebuild(error: WireError): Error {
  return Object.assign(new Error(error.message), {
    name: 'SessionApiError',
    code: error.code,
    details: error.details,
  });
}

const api: SessionApi = {
  async invoke(channel: ChannelName, request: unknown) {
    const envelope = (await ipcRenderer.invoke(channel, request)) as Envelope<never>;
    if (envelope.ok) return envelope.data;
    throw rebuild(envelope.error);
  },
  onEvent(listener: (event: AppEvent) => void) {
    const forward = (_event: IpcRendererEvent, payload: AppEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => ipcRenderer.off(EVENT_CHANNEL, forward);
  },
} as SessionApi;

contextBridge.exposeInMainWorld('sessionApi', api);
