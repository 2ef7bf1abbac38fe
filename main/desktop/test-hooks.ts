// With PRINTRELEAF_TEST_HOOKS=1 (the _electron suite only), main exposes a few handles on
// globalThis for `electronApp.evaluate`: the tray as drawn and its menu actions, the window's
// state, and the answer the next folder dialog gives. Never set in a shipped app.
import type { TrayAction, TrayView } from './tray-state';

export const TEST_HOOKS_ENV = 'PRINTRELEAF_TEST_HOOKS';
export const TEST_HOOKS_KEY = '__printreleafTest';

export interface DesktopTestHooks {
  tray(): TrayView | null;
  /** Clicks a tray menu item; false when it is disabled. */
  clickTray(action: TrayAction): boolean;
  window(): { exists: boolean; visible: boolean; focused: boolean };
  /** Closes the window as the dealer would (the close button). */
  closeWindow(): void;
  engineState(): string;
  /** The folder the next export dialog "chooses" (null: the dealer cancels). */
  answerNextFolderDialog(directory: string | null): void;
  /** Notifications shown so far (title and body). */
  notifications(): { title: string; body: string }[];
}

export function testHooksEnabled(env: NodeJS.ProcessEnv): boolean {
  return env[TEST_HOOKS_ENV] === '1';
}

export function installTestHooks(hooks: DesktopTestHooks): void {
  (globalThis as Record<string, unknown>)[TEST_HOOKS_KEY] = hooks;
}
