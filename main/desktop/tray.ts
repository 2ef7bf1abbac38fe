// Draws a TrayView (tray-state.ts) with Electron's Tray: the icon for the state (animated
// while collecting), the tooltip and the menu. Decisions are made in tray-state.ts.
import { join } from 'node:path';
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import { COLLECTING_FRAMES, trayIconFile, type TrayAction, type TrayView } from './tray-state';

const FRAME_MS = 400;

export class TrayController {
  private readonly tray: Tray;
  private readonly images = new Map<string, NativeImage>();
  private view: TrayView | null = null;
  private frame = 0;
  private animation: NodeJS.Timeout | null = null;

  constructor(
    private readonly iconDir: string,
    private readonly platform: NodeJS.Platform,
    private readonly onAction: (action: TrayAction) => void,
  ) {
    this.tray = new Tray(this.image(trayIconFile('collecting', 0, platform)));
    // Windows and Linux: a left click opens the window; the menu is on the right click.
    if (platform !== 'darwin') this.tray.on('click', () => onAction('open'));
  }

  /** What is shown now (the test hooks read it). */
  get current(): TrayView | null {
    return this.view;
  }

  update(view: TrayView): void {
    const previous = this.view;
    this.view = view;
    if (previous?.tooltip !== view.tooltip) this.tray.setToolTip(view.tooltip);
    if (JSON.stringify(previous?.menu) !== JSON.stringify(view.menu)) {
      this.tray.setContextMenu(Menu.buildFromTemplate(view.menu.map((item) => ({ id: item.id, label: item.label, enabled: item.enabled, click: () => this.onAction(item.id) }))));
    }
    if (previous?.icon === view.icon) return;
    this.stopAnimation();
    this.frame = 0;
    this.tray.setImage(this.image(trayIconFile(view.icon, 0, this.platform)));
    if (view.icon === 'collecting') {
      this.animation = setInterval(() => {
        this.frame = (this.frame + 1) % COLLECTING_FRAMES;
        this.tray.setImage(this.image(trayIconFile('collecting', this.frame, this.platform)));
      }, FRAME_MS);
    }
  }

  /** Runs a menu action as a click would (enabled items only). */
  click(action: TrayAction): boolean {
    const item = this.view?.menu.find((i) => i.id === action);
    if (!item?.enabled) return false;
    this.onAction(action);
    return true;
  }

  destroy(): void {
    this.stopAnimation();
    this.tray.destroy();
  }

  private stopAnimation(): void {
    if (this.animation) clearInterval(this.animation);
    this.animation = null;
  }

  private image(file: string): NativeImage {
    let image = this.images.get(file);
    if (!image) {
      image = nativeImage.createFromPath(join(this.iconDir, file));
      if (this.platform === 'darwin') image.setTemplateImage(true);
      this.images.set(file, image);
    }
    return image;
  }
}
