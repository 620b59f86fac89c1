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
