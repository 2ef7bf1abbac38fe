// Rule R6: how far back a collection fetches, so that reads uploaded late (an agent that was
// offline, a device that went quiet) are still merged into the days they belong to.
const HOUR = 3_600_000;
export const FEED_LOOKBACK_MS = 31 * 24 * HOUR;
export const DEVICE_SILENCE_MS = 90 * 24 * HOUR;
export const RECOVERY_WINDOW_MS = 31 * 24 * HOUR;

export interface LookbackInput {
  now: number;
  /** First instant of the activation date in the dealer's zone (R3). */
  activationStart: number;
  /** Newest stored read of each device of the feed (null: the device has none). */
  deviceNewest: readonly (number | null)[];
  unhealthy: boolean;
  /** The feed's newest read at the moment it turned unhealthy. */
  unhealthyAnchorAt: number | null;
  /** When the feed last turned healthy again. */
  recoveredAt: number | null;
}

/** The start of the fetch window: the later of the activation and S. */
export function fetchStart(i: LookbackInput): number {
  const newest = i.deviceNewest.reduce<number | null>((m, t) => (t !== null && (m === null || t > m) ? t : m), null);
  if (newest === null) return i.activationStart;
  let s = newest - FEED_LOOKBACK_MS;
  const inRecovery = i.unhealthy || (i.recoveredAt !== null && i.now <= i.recoveredAt + RECOVERY_WINDOW_MS);
  if (inRecovery && i.unhealthyAnchorAt !== null) s = Math.min(s, i.unhealthyAnchorAt);
  for (const t of i.deviceNewest) {
    if (t !== null && i.now - t <= DEVICE_SILENCE_MS) s = Math.min(s, t);
  }
  return Math.max(i.activationStart, s);
}
