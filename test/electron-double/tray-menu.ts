// Tray, Menu and nativeImage, recorded: the menu template as built, items a test can click.
import { existsSync } from 'node:fs';

export interface DoubleMenuItem {
  id?: string;
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
  submenu?: DoubleMenuItem[];
}

export interface DoubleMenu {
  items: DoubleMenuItem[];
}

export interface DoubleImage {
  path: string;
  isEmpty(): boolean;
}

export const nativeImage = {
  createFromPath: (path: string): DoubleImage => ({ path, isEmpty: () => !existsSync(path) }),
};

export function createMenu(built: DoubleMenu[]) {
  return {
    buildFromTemplate(template: DoubleMenuItem[]): DoubleMenu {
      const menu = { items: template };
      built.push(menu);
      return menu;
    },
  };
}

/** Every item of a menu, submenus included, depth first. */
export function allItems(items: readonly DoubleMenuItem[]): DoubleMenuItem[] {
  return items.flatMap((item) => [item, ...allItems(item.submenu ?? [])]);
}

/** Clicks the item with this id the way Electron does: only when it is enabled. */
export function clickItem(menu: DoubleMenu, id: string): void {
  const item = allItems(menu.items).find((candidate) => candidate.id === id);
  if (!item) throw new Error(`No menu item with id ${id}`);
  if (item.enabled === false) throw new Error(`Menu item ${id} is disabled`);
  item.click?.();
}

export class DoubleTray {
  contextMenu: DoubleMenu | undefined;
  toolTip = '';
  destroyed = false;

  constructor(public image: DoubleImage) {}

  setContextMenu(menu: DoubleMenu): void {
    this.contextMenu = menu;
  }

  setToolTip(text: string): void {
    this.toolTip = text;
  }

  setImage(image: DoubleImage): void {
    this.image = image;
  }

  destroy(): void {
    this.destroyed = true;
  }
}
