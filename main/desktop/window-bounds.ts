// Where the window reopens: the saved bounds when they still lie on a connected display,
// otherwise a default size centred by Electron. Electron-free.

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1180, height: 780 };
export const MIN_SIZE = { width: 860, height: 560 };

/** At least this much of the title bar must be visible on some display. */
const VISIBLE_MARGIN = 64;

function overlaps(b: Bounds, area: Bounds): boolean {
  const w = Math.min(b.x + b.width, area.x + area.width) - Math.max(b.x, area.x);
  const h = Math.min(b.y + 40, area.y + area.height) - Math.max(b.y, area.y);
  return w >= VISIBLE_MARGIN && h > 0;
}

/** The bounds to open with; without x/y Electron centres the window. */
export function restoredBounds(saved: Bounds | null | undefined, workAreas: readonly Bounds[]): Partial<Bounds> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_SIZE };
  const width = Math.max(MIN_SIZE.width, Math.round(saved.width));
  const height = Math.max(MIN_SIZE.height, Math.round(saved.height));
  const candidate = { x: Math.round(saved.x), y: Math.round(saved.y), width, height };
  return workAreas.some((a) => overlaps(candidate, a)) ? candidate : { width, height };
}
