// The app's lifecycle decisions as pure functions (main.ts applies them): one instance at a
// time, a closed window keeps the app in the tray (said once), hidden start at login, and
// when to restart an engine process that died. Electron-free.

/** A second launch hands over to the first (which focuses its window) and quits. */
export function singleInstanceOutcome(gotLock: boolean): 'run' | 'quit' {
  return gotLock ? 'run' : 'quit';
}

export interface WindowSnapshot {
  exists: boolean;
  visible: boolean;
  minimized: boolean;
}

export type WindowStep = 'create' | 'restore' | 'show' | 'focus';

/** What to do with the window when the dealer launches the app again (or picks "Open"). */
export function bringToFrontSteps(w: WindowSnapshot): WindowStep[] {
  if (!w.exists) return ['create', 'show', 'focus'];
  const steps: WindowStep[] = [];
  if (w.minimized) steps.push('restore');
  if (!w.visible) steps.push('show');
  steps.push('focus');
  return steps;
}

export interface CloseDecision {
  /** Cancel the close: the window is hidden and the app stays in the tray. */
  keepRunning: boolean;
  /** Tell the dealer once that the app is still running. */
  showNotice: boolean;
}

/** Closing the window hides it, unless the app is quitting (tray "Quit", OS shutdown). */
export function closeDecision(c: { quitting: boolean; noticeShown: boolean }): CloseDecision {
  if (c.quitting) return { keepRunning: false, showNotice: false };
  return { keepRunning: true, showNotice: !c.noticeShown };
}

export function closeNotice(platform: NodeJS.Platform): { title: string; body: string } {
  const where = platform === 'darwin' ? 'in the menu bar' : platform === 'win32' ? 'in the notification area' : 'in the system tray';
  const how = platform === 'darwin' ? 'Click' : 'Right-click';
  return {
    title: 'PrintReleaf Tray is still running',
    body: `It keeps collecting meter reads ${where}. ${how} its leaf icon to open it or to quit.`,
  };
}

/** Started by the OS at login: stay in the tray, do not open the window. */
export const HIDDEN_FLAG = '--hidden';

export function startsHidden(argv: readonly string[], openedAtLogin: boolean): boolean {
  return openedAtLogin || argv.includes(HIDDEN_FLAG);
}

/** Restart delays after the engine process dies; after these, stop and show the error. */
const RESTART_DELAYS_MS = [1_000, 5_000, 15_000];
const CRASH_WINDOW_MS = 10 * 60_000;

/** How long to wait before restarting the engine, or null to give up (it keeps dying). */
export function restartDelay(crashTimes: readonly number[], now: number): number | null {
  const recent = crashTimes.filter((t) => now - t <= CRASH_WINDOW_MS).length;
  if (recent === 0) return 0;
  return RESTART_DELAYS_MS[recent - 1] ?? null;
}
