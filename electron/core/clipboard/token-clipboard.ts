/** The system clipboard, as Electron (or a test) provides it. */
export interface ClipboardPort {
  writeText(text: string): void | Promise<void>;
  /** Electron's clipboard answers asynchronously in recent versions. */
  readText(): string | Promise<string>;
}

/**
 * Copies secrets to the clipboard and clears them after a while, but only if the clipboard still
 * holds what we put there (the person may have copied something else since).
 */
export class TokenClipboard {
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The last text copied that has not been cleared yet. */
  #copied: string | undefined;

  constructor(private readonly port: ClipboardPort) {}

  async copy(text: string, clearAfterMs: number): Promise<void> {
    await this.port.writeText(text);
    this.#copied = text;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.clearIfStill(text), clearAfterMs);
    this.#timer.unref();
  }

  async clearIfStill(text: string): Promise<boolean> {
    if (text === this.#copied) this.#copied = undefined;
    if ((await this.port.readText()) !== text) return false;
    await this.port.writeText('');
    return true;
  }

  /** Whether a copied secret still waits to be cleared. */
  get pending(): boolean {
    return this.#copied !== undefined;
  }

  /** Clears now what the timer would have (on quit, when the timer dies with the app). */
  async clearNow(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#copied !== undefined) await this.clearIfStill(this.#copied);
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
  }
}

/** A clipboard in memory, for the browser mode and tests where there is no system clipboard. */
export class MemoryClipboard implements ClipboardPort {
  text = '';
  writeText(text: string): void {
    this.text = text;
  }
  readText(): string {
    return this.text;
  }
}
