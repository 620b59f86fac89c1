import type { EventEmitter } from 'node:events';

/** The first argument of an Electron event listener, as far as our glue uses it. */
export interface DoubleEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function newEvent(): DoubleEvent {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** Emits the way Electron does (an event object first), and returns that event to look at. */
export function emitEvent(target: EventEmitter, name: string, ...args: unknown[]): DoubleEvent {
  const event = newEvent();
  target.emit(name, event, ...args);
  return event;
}
