/**
 * A stand-in for `window.sessionApi` in component tests: answers from per-channel handlers,
 * records every call, and emits events on demand. The real API is exercised end to end.
 */
import type {
  AppEvent,
  ChannelName,
  ProfileView,
  RequestOf,
  ResponseOf,
  SessionApi,
  UiError,
} from '../api.js';

type Handler<C extends ChannelName> = (
  request: RequestOf<C>,
) => ResponseOf<C> | Promise<ResponseOf<C>>;

export class FakeApi implements SessionApi {
  readonly calls: { channel: ChannelName; request: unknown }[] = [];
  readonly #handlers = new Map<ChannelName, (request: unknown) => unknown>();
  readonly #listeners = new Set<(event: AppEvent) => void>();

  on<C extends ChannelName>(channel: C, handler: Handler<C>): this {
    this.#handlers.set(channel, handler as (request: unknown) => unknown);
    return this;
  }

  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    this.calls.push({ channel, request });
    const handler = this.#handlers.get(channel);
    if (!handler) return Promise.reject(apiError('INTERNAL', `no fake handler for ${channel}`));
    // An async wrapper turns a handler's throw into a rejection, as the real API does.
    return (async () => (await handler(request)) as ResponseOf<C>)();
  }

  onEvent(listener: (event: AppEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: AppEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** The requests sent to one channel, in order. */
  requests<C extends ChannelName>(channel: C): RequestOf<C>[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.request as RequestOf<C>);
  }
}

/** An error as the preload or bridge rejects with: an Error carrying code and details. */
export function apiError(
  code: string,
  message: string,
  details: UiError['details'] = {},
): Error & UiError {
  return Object.assign(new Error(message), { code, details });
}

export function profileView(overrides: Partial<ProfileView> = {}): ProfileView {
  return {
    id: 'p1',
    name: 'Demo cluster',
    url: 'http://127.0.0.1:8080',
    username: 'tsadmin',
    auth: 'password',
    dialect: 'auto',
    tls: { insecure: false },
    validitySeconds: 3600,
    autoRenew: true,
    createdAt: Date.UTC(2025, 0, 1),
    isDefault: true,
    status: { state: 'signed-out' },
    ...overrides,
  };
}
