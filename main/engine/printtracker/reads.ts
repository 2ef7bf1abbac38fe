// Turns the raw items of a /meter response into normalized reads (rules R1, R2, R3).
// Deliberately hand-written rather than a zod schema per item: R1 says a bad item is
// *ignored and recorded*, never fatal, and a year of reads (~400,000 items) must parse
// in well under a second. The body itself (a JSON array of objects) is checked by the client.

export type CounterFamily = 'life' | 'default';

/** One meter read as the ledger needs it: counters are usable integers or null (R1). */
export interface NormalizedRead {
  deviceKey: string;
  ts: number;
  life: number | null;
  def: number | null;
}

export type IgnoredReadKind = 'missing-device-key' | 'bad-timestamp' | 'no-usable-counter' | 'other-entity';

export interface IgnoredRead {
  kind: IgnoredReadKind;
  deviceKey: string | null;
  ts: number | null;
}

export interface ParsedReads {
  /** Deduplicated per device and instant (R2), counters merged by maximum. */
  reads: NormalizedRead[];
  ignored: IgnoredRead[];
  /** Newest parseable timestamp among all items, ignored ones included (R11). */
  newestTs: number | null;
}

const DIGITS = /^[0-9]+$/;
// An ISO 8601 / RFC 3339 date or date-time; Date.parse alone would also take "Jan 5 2025".
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * R1 "usable": a JSON integer or a string of digits only, from 1 to 2^53−1.
 * 0, "N/A", "3.5", "1e3" and negatives are unusable (null).
 */
export function usableCounter(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 1 ? value : null;
  }
  if (typeof value === 'string' && DIGITS.test(value)) {
    if (value.length > 16) return null; // 2^53−1 has 16 digits; anything longer is out of range
    const n = Number(value);
    return Number.isSafeInteger(n) && n >= 1 ? n : null;
  }
  return null;
}

/** Parses an ISO 8601 timestamp to epoch ms; a missing offset means UTC. */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = ISO_TIMESTAMP.exec(value);
  if (!m) return null;
  // Date.parse rolls 30 Feb over to 2 Mar; a read with an impossible date is not parseable.
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return null;
  const hasZone = m[7] !== undefined;
  const isDateOnly = m[4] === undefined;
  const ms = Date.parse(hasZone || isDateOnly ? value.replace(' ', 'T') : `${value.replace(' ', 'T')}Z`);
  return Number.isFinite(ms) ? ms : null;
}

function counterAt(pageCounts: unknown, family: 'life' | 'default'): number | null {
  if (typeof pageCounts !== 'object' || pageCounts === null) return null;
  const fam = (pageCounts as Record<string, unknown>)[family];
  if (typeof fam !== 'object' || fam === null) return null;
  const total = (fam as Record<string, unknown>)['total'];
  if (typeof total !== 'object' || total === null) return null;
  return usableCounter((total as Record<string, unknown>)['value']);
}

export function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

export interface ParseOptions {
  /** The feed's entity: a read that names another entity is not the feed's (a feed covers its own devices). */
  entityId: string;
  /** Only reads in [from, to] are the feed's (R3 activation; nothing after now, R6). */
  from: number;
  to: number;
}

/**
 * Normalizes raw read items. Items outside [from, to] are dropped silently (they were
 * not asked for); items that cannot be used are returned in `ignored` to be recorded.
 */
export function parseMeterReads(items: readonly Record<string, unknown>[], o: ParseOptions): ParsedReads {
  const byKey = new Map<string, NormalizedRead>();
  const ignored: IgnoredRead[] = [];
  let newestTs: number | null = null;

  for (const item of items) {
    const ts = parseTimestamp(item['timestamp']);
    const rawKey = item['deviceKey'];
    const deviceKey = typeof rawKey === 'string' && rawKey.length > 0 ? rawKey : null;
    if (ts !== null && (ts < o.from || ts > o.to)) continue;
    if (ts !== null && (newestTs === null || ts > newestTs)) newestTs = ts;
    if (ts === null) {
      ignored.push({ kind: 'bad-timestamp', deviceKey, ts: null });
      continue;
    }
    if (deviceKey === null) {
      ignored.push({ kind: 'missing-device-key', deviceKey: null, ts });
      continue;
    }
    const entityKey = item['entityKey'];
    if (typeof entityKey === 'string' && entityKey.toLowerCase() !== o.entityId) {
      ignored.push({ kind: 'other-entity', deviceKey, ts });
      continue;
    }
    const pageCounts = item['pageCounts'];
    const life = counterAt(pageCounts, 'life');
    const def = counterAt(pageCounts, 'default');
    // R2: one device, one instant, one read; keep the highest usable counter.
    const key = `${deviceKey}\u0000${ts}`;
    const seen = byKey.get(key);
    if (seen) {
      seen.life = maxOrNull(seen.life, life);
      seen.def = maxOrNull(seen.def, def);
    } else {
      byKey.set(key, { deviceKey, ts, life, def });
    }
  }
  return { reads: [...byKey.values()], ignored, newestTs };
}
