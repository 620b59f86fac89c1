// BrowserWindow and its webContents, recorded: options, loads, visibility, messages sent, events,
// and what a page in it would do (navigate, land on a page, crash).
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { emitEvent } from './events.js';

/** A frame: the main frame of a page, or an iframe inside it (a different object). */
export interface DoubleFrame {
  url: string;
}

export interface WindowOpenResult {
  action: 'allow' | 'deny';
}

export class DoubleWebContents extends EventEmitter {
  readonly mainFrame: DoubleFrame = { url: 'about:blank' };
  readonly sent: { channel: string; args: unknown[] }[] = [];
  #openHandler: ((details: { url: string }) => WindowOpenResult) | undefined;

  constructor(
    readonly id: number,
    private readonly deliver: (from: DoubleWebContents, channel: string, args: unknown[]) => void,
    /** The default session, or the partition's one named in webPreferences.partition. */
    readonly session: object,
  ) {
    super();
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
    this.deliver(this, channel, args);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenResult): void {
    this.#openHandler = handler;
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  /** What window.open or a target=_blank link would get: Electron allows it without a handler. */
  openWindow(url: string): WindowOpenResult {
    return this.#openHandler?.({ url }) ?? { action: 'allow' };
  }

  /** A navigation the page starts; true when it went ahead (no listener prevented it). */
  navigate(url: string): boolean {
    const event = emitEvent(this, 'will-navigate', url);
    if (!event.defaultPrevented) this.mainFrame.url = url;
    return !event.defaultPrevented;
  }

  /** The main frame landed on `url` with this HTTP status (after any redirects): did-navigate. */
  landed(url: string, status = 200): void {
    this.mainFrame.url = url;
    emitEvent(this, 'did-navigate', url, status, status === 200 ? 'OK' : '');
  }

  /** The page's renderer process went away: render-process-gone. */
  crash(reason = 'crashed'): void {
    emitEvent(this, 'render-process-gone', { reason, exitCode: 139 });
  }

  /** A <webview> the page tries to attach; true when it was allowed. */
  attachWebview(): boolean {
    return !emitEvent(this, 'will-attach-webview', {}, {}).defaultPrevented;
  }
}

export interface WindowHooks {
  nextId: () => number;
  sessionFor: (partition: string | undefined) => object;
  created: (window: DoubleBrowserWindow) => void;
  closed: (window: DoubleBrowserWindow) => void;
  deliver: (from: DoubleWebContents, channel: string, args: unknown[]) => void;
}

export class DoubleBrowserWindow extends EventEmitter {
  readonly #webContents: DoubleWebContents;
  /** Files (loadFile) and URLs (loadURL), in order. */
  readonly loaded: string[] = [];
  visible = false;
  focused = 0;
  destroyCalls = 0;
  #destroyed = false;

  constructor(
    readonly options: Record<string, unknown>,
    private readonly hooks: WindowHooks,
  ) {
    super();
    const preferences = (options.webPreferences ?? {}) as { partition?: string };
    this.#webContents = new DoubleWebContents(
      hooks.nextId(),
      hooks.deliver,
      hooks.sessionFor(preferences.partition),
    );
    this.visible = options.show !== false;
    hooks.created(this);
  }

  /** Like Electron's: a destroyed window's webContents throws ("Object has been destroyed"). */
  get webContents(): DoubleWebContents {
    if (this.#destroyed) throw new TypeError('Object has been destroyed');
    return this.#webContents;
  }

  /** The webContents even after the window is gone, for tests to look at. */
  get contents(): DoubleWebContents {
    return this.#webContents;
  }

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.#webContents.mainFrame.url = url;
    return Promise.resolve();
  }

  loadFile(path: string): Promise<void> {
    this.loaded.push(path);
    this.#webContents.mainFrame.url = pathToFileURL(path).href;
    // Electron says ready-to-show once the page has painted: after the load call returns.
    setImmediate(() => this.emit('ready-to-show', {}));
    return Promise.resolve();
  }

  show(): void {
    this.visible = true;
  }

  hide(): void {
    this.visible = false;
  }

  focus(): void {
    this.focused++;
  }

  isVisible(): boolean {
    return this.visible;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  /** The close button (or quit): 'close' may be prevented; otherwise the window is gone. */
  close(): boolean {
    if (this.#destroyed) return true;
    if (emitEvent(this, 'close').defaultPrevented) return false;
    this.#gone();
    return true;
  }

  /** Like Electron's: no 'close' event (nothing can prevent it), but 'closed' always. */
  destroy(): void {
    if (this.#destroyed) throw new TypeError('Object has been destroyed');
    this.destroyCalls++;
    this.#gone();
  }

  #gone(): void {
    this.#destroyed = true;
    this.visible = false;
    this.emit('closed');
    this.hooks.closed(this);
  }
}
