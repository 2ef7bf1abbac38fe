// One feed's collection (rules R3–R7): fetch its reads since the R6 look-back, merge them
// into the ledger device by device, and write everything in one transaction.
import type { Database } from '../../../db/database';
import type { DeviceRecord, DeviceWrite, AnomalyKey } from '../../../db/repositories/ledger';
import type { FeedRecord, RunFeedStatus } from '../../../db/records';
import { updateDeviceLedger, type DeviceLedgerChange, type LedgerRead } from '../ledger/device-ledger';
import type { PrintTrackerClient } from '../printtracker/client';
import { maxOrNull, parseMeterReads, type NormalizedRead } from '../printtracker/reads';
import { dayFromIso, type LocalCalendar } from '../time/days';
import { fetchStart } from './lookback';

/** Reads are asked for in windows of this many days: small responses, and a normal nightly look-back (31 days) in one request. */
export const WINDOW_DAYS = 35;
const DAY = 86_400_000;

export interface FeedProgress {
  feedId: number;
  daysDone: number;
  daysTotal: number;
}

export interface FeedCollectionResult {
  status: RunFeedStatus;
  /** Read items fetched from Print Tracker. */
  reads: number;
  /** Net change this collection made to the feed's ledger. */
  pages: number;
  error: string | null;
  newestFetchedAt: number | null;
  /** The newest stored read of the feed after the collection (R6). */
  newestStoredAt: number | null;
}

export interface FeedCollectionContext {
  db: Database;
  client: PrintTrackerClient;
  calendar: LocalCalendar;
  now: number;
  runId: number | null;
  onProgress?: (p: FeedProgress) => void;
}

/** First instant of the feed's activation date in the dealer's zone (R3). */
export function activationStartOf(feed: Pick<FeedRecord, 'activationDate'>, calendar: LocalCalendar): number {
  return calendar.startOfDay(dayFromIso(feed.activationDate));
}

function figuresOf(d: DeviceRecord) {
  return { family: d.family, initialCount: d.initialCount, latestCount: d.latestCount, lifeCount: d.lifeCount, newestReadAt: d.newestReadAt };
}

export async function collectFeed(ctx: FeedCollectionContext, feed: FeedRecord): Promise<FeedCollectionResult> {
  const { db, client, calendar, now } = ctx;
  const activationStart = activationStartOf(feed, calendar);
  const devices = await db.ledger.devices(feed.id);
  const byKey = new Map(devices.map((d) => [d.deviceKey, d]));
  const rebuild = feed.ledgerTz !== null && feed.ledgerTz !== calendar.timeZone;

  // A new time zone moves the activation instant too: re-sync from it, so the rebuilt ledger
  // holds exactly the reads at or after the new activation (R3, R4).
  const from = rebuild
    ? activationStart
    : fetchStart({
    now,
    activationStart,
    deviceNewest: devices.map((d) => d.newestReadAt),
    unhealthy: feed.health === 'unhealthy',
    unhealthyAnchorAt: feed.unhealthyAnchorAt,
    recoveredAt: feed.recoveredAt,
  });

  // R5: which devices are managed now — the Managed flag is each device's status at this
  // collection, whatever the scope (a managed-only feed also fetches only those). The listing
  // runs alongside the first reads: one round trip per feed, not two.
  const listing = client.listDevices(feed.entityId, { excludeDisabled: true });
  listing.catch(() => undefined); // awaited below; an earlier failure of the reads must not leave it unhandled

  const incoming = new Map<string, Map<number, NormalizedRead>>();
  const ignored: AnomalyKey[] = [];
  let fetched = 0;
  let newestFetchedAt = feed.newestFetchedAt;
  const daysTotal = Math.max(1, Math.ceil((now - from) / DAY));
  for (let start = from; start <= now; start += WINDOW_DAYS * DAY) {
    const end = Math.min(now, start + WINDOW_DAYS * DAY - 1);
    const items = await client.listMeterReads(feed.entityId, { start: new Date(start), end: new Date(end), excludeDisabled: feed.scope === 'managed' });
    fetched += items.length;
    const parsed = parseMeterReads(items, { entityId: feed.entityId, from, to: now });
    if (parsed.newestTs !== null && (newestFetchedAt === null || parsed.newestTs > newestFetchedAt)) newestFetchedAt = parsed.newestTs;
    for (const r of parsed.ignored) ignored.push({ deviceKey: r.deviceKey ?? '', ts: r.ts ?? 0, kind: r.kind });
    for (const r of parsed.reads) {
      let reads = incoming.get(r.deviceKey);
      if (!reads) incoming.set(r.deviceKey, (reads = new Map()));
      const seen = reads.get(r.ts);
      if (!seen) reads.set(r.ts, r);
      else reads.set(r.ts, { ...seen, life: maxOrNull(seen.life, r.life), def: maxOrNull(seen.def, r.def) });
    }
    ctx.onProgress?.({ feedId: feed.id, daysDone: Math.min(daysTotal, Math.ceil((end + 1 - from) / DAY)), daysTotal });
  }

  const managedNow = new Set((await listing).map((d) => d.id));

  // Merge device by device. A time zone change recomputes every device from its full history.
  const stored = await db.ledger.readsSince(feed.id, rebuild ? Number.MIN_SAFE_INTEGER : from);
  const touched = new Set<string>(incoming.keys());
  if (rebuild) for (const d of devices) touched.add(d.deviceKey);

  const writes: DeviceWrite[] = [];
  const ledger = new Map<number, number>();
  const anomaliesAdded: AnomalyKey[] = [...ignored];
  const anomaliesRemoved: AnomalyKey[] = [];
  for (const key of touched) {
    const device = byKey.get(key) ?? null;
    const reads = [...(incoming.get(key)?.values() ?? [])];
    const base = { device: device ? figuresOf(device) : null, incoming: reads, calendar, activationStart, rebuild };
    const storedRows: LedgerRead[] = device ? (stored.get(device.id) ?? []) : [];
    let result = updateDeviceLedger({ ...base, stored: storedRows, storedFrom: device && !rebuild ? from : null });
    if (result.kind === 'needs-history') {
      result = updateDeviceLedger({ ...base, stored: await db.ledger.deviceHistory(device!.id), storedFrom: null });
    }
    const change = result as DeviceLedgerChange;
    for (const [day, pages] of change.ledger) ledger.set(day, (ledger.get(day) ?? 0) + pages);
    for (const a of change.anomaliesAdded) anomaliesAdded.push({ deviceKey: key, ts: a.ts, kind: a.kind });
    for (const a of change.anomaliesRemoved) anomaliesRemoved.push({ deviceKey: key, ts: a.ts, kind: a.kind });
    for (const ts of change.unusable) anomaliesAdded.push({ deviceKey: key, ts, kind: 'no-usable-counter' });
    writes.push({ deviceId: device?.id ?? null, deviceKey: key, managed: managedNow.has(key), figures: change.device, reads: change.writes });
  }

  const before = rebuild ? await db.ledger.feedTotal(feed.id) : 0;
  let pages = 0;
  for (const v of ledger.values()) pages += v;
  if (rebuild) pages -= before;

  await db.ledger.applyCollection({
    feedId: feed.id,
    now,
    devices: writes,
    managedSnapshot: [...managedNow],
    rebuildLedger: rebuild,
    ledger,
    anomaliesAdded,
    anomaliesRemoved,
    feed: { newestFetchedAt, ledgerTz: calendar.timeZone },
    runFeed: ctx.runId === null ? null : { runId: ctx.runId, entityId: feed.entityId, name: feed.name, status: 'ok', reads: fetched, pages, error: null },
  });

  let newestStoredAt: number | null = null;
  for (const d of devices) if (d.newestReadAt !== null && (newestStoredAt === null || d.newestReadAt > newestStoredAt)) newestStoredAt = d.newestReadAt;
  for (const w of writes) if (w.figures.newestReadAt !== null && (newestStoredAt === null || w.figures.newestReadAt > newestStoredAt)) newestStoredAt = w.figures.newestReadAt;
  return { status: 'ok', reads: fetched, pages, error: null, newestFetchedAt, newestStoredAt };
}
