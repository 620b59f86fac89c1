// ipcMain and ipcRenderer, recorded; an invoke from the renderer side reaches ipcMain's handler
// with the sender and frame it came from, as Electron's does.
import { EventEmitter } from 'node:events';
import { newEvent } from './events.js';
import type { DoubleFrame, DoubleWebContents } from './windows.js';

export interface InvokeEvent {
  sender: DoubleWebContents;
  senderFrame: DoubleFrame | null;
}

type Handler = (event: InvokeEvent, ...args: unknown[]) => unknown;

export class DoubleIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  readonly removed: string[] = [];

  handle(channel: string, handler: Handler): void {
    // Electron refuses a second handler for a channel; so does the double.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
    this.removed.push(channel);
  }

  /** An ipcRenderer.invoke arriving from this sender (its main frame unless a frame is given). */
  async invoke(
    channel: string,
    request: unknown,
    from: { sender: DoubleWebContents; frame?: DoubleFrame | null },
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = from.frame === undefined ? from.sender.mainFrame : from.frame;
    return await handler({ sender: from.sender, senderFrame }, request);
  }
}

export class DoubleIpcRenderer extends EventEmitter {
  readonly invoked: { channel: string; args: unknown[] }[] = [];

  constructor(private readonly route: (channel: string, args: unknown[]) => Promise<unknown>) {
    super();
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.route(channel, args);
  }

  /** A message from the main process (webContents.send) arriving in this renderer. */
  receive(channel: string, args: unknown[]): void {
    this.emit(channel, newEvent(), ...args);
  }
}
