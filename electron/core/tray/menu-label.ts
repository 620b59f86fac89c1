import { stripControls } from '../thoughtspot/server-text.js';

/**
 * Electron menus read a single `&` as a keyboard mnemonic and hide it (on every platform), so a
 * profile named "R&D" would show as "RD". Doubling it shows one `&`.
 */
export function menuLabel(text: string): string {
  return text.replaceAll('&', '&&');
}

/** Windows cuts tray tooltips at 127 characters; cut ourselves, visibly, before it does. */
export const TOOLTIP_MAX = 127;

export function fitTooltip(text: string): string {
  return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1)}…`;
}

/** A menu item is one line; a longer reason is cut, visibly, so the menu keeps its width. */
export const REASON_MAX = 80;

/** Why the last attempt failed, as one short line: no control characters, at most REASON_MAX. */
export function reasonLabel(text: string): string {
  const chars = [...stripControls(text).trim()];
  return chars.length <= REASON_MAX
    ? chars.join('')
    : `${chars.slice(0, REASON_MAX - 1).join('')}…`;
}
