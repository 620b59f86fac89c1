// The window's only door to the main process. A sandboxed preload can require nothing but
// 'electron', so the build bundles this file with the one module it shares (wire-error) into
// dist/electron/preload.cjs; its shape is derived from the contract (types only).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS
import electron = require('electron');
import type { IpcRendererEvent } from 'electron';
import type { AppEvent, ChannelName, Envelope, SessionApi } from './ipc/contract.js';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundler inlines it
import wireError = require('./ipc/wire-error.js');

const { contextBridge, ipcRenderer } = electron;
const { errorFromWire } = wireError;

const EVENT_CHANNEL = 'events:app';

const api: SessionApi = {
  async invoke(channel: ChannelName, request: unknown) {
    const envelope = (await ipcRenderer.invoke(channel, request)) as Envelope<never>;
    if (envelope.ok) return envelope.data;
    // Errors cross as data; rebuilt, the renderer can branch on `code`.
    throw errorFromWire(envelope.error);
  },
  onEvent(listener: (event: AppEvent) => void) {
    const forward = (_event: IpcRendererEvent, payload: AppEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => ipcRenderer.off(EVENT_CHANNEL, forward);
  },
} as SessionApi;

contextBridge.exposeInMainWorld('sessionApi', api);
