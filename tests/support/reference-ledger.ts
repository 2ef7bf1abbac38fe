// An independent, deliberately naive implementation of rules R1–R4 and R7 for tests: all
// reads of a feed at once, in order, no incremental tricks. The engine must agree with it
// whatever order and batches the reads arrive in.
import { DateTime } from 'luxon';

export interface RawRead {
  deviceKey: string;
  timestamp: string;
  life?: unknown;
  def?: unknown;
}

function usable(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 1 ? v : null;
  if (typeof v === 'string' && /^[0-9]+$/.test(v)) {
    const n = Number(v);
    return Number.isSafeInteger(n) && n >= 1 ? n : null;
  }
  return null;
}

function localDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate()!;
}

function addDays(iso: string, n: number): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).plus({ days: n }).toISODate()!;
}

function daysBetween(a: string, b: string): number {
  return Math.round(DateTime.fromISO(b, { zone: 'utc' }).diff(DateTime.fromISO(a, { zone: 'utc' }), 'days').days);
}

/** Pages per local ISO date for a feed's reads (the full history, any order). */
export function referenceLedger(reads: readonly RawRead[], o: { zone: string; activation: string; now?: number }): Map<string, number> {
  const activationStart = DateTime.fromISO(o.activation, { zone: o.zone }).startOf('day').toMillis();
  const byDevice = new Map<string, Map<number, { life: number | null; def: number | null }>>();
  for (const r of reads) {
    const ts = Date.parse(r.timestamp);
    if (!Number.isFinite(ts) || ts < activationStart || (o.now !== undefined && ts > o.now)) continue;
    const m = byDevice.get(r.deviceKey) ?? new Map<number, { life: number | null; def: number | null }>();
    byDevice.set(r.deviceKey, m);
    const prev = m.get(ts) ?? { life: null, def: null };
    const life = usable(r.life);
    const def = usable(r.def);
    m.set(ts, { life: Math.max(prev.life ?? 0, life ?? 0) || null, def: Math.max(prev.def ?? 0, def ?? 0) || null });
  }
  const ledger = new Map<string, number>();
  const add = (day: string, pages: number) => ledger.set(day, (ledger.get(day) ?? 0) + pages);
  for (const m of byDevice.values()) {
    const all = [...m.entries()].sort((x, y) => x[0] - y[0]);
    const family = all.some(([, v]) => v.life !== null) ? 'life' : 'def';
    const seq = all.map(([ts, v]) => ({ ts, v: v[family] })).filter((x): x is { ts: number; v: number } => x.v !== null);
    let a: { ts: number; v: number } | null = null;
    for (let i = 0; i < seq.length; i++) {
      const b = seq[i]!;
      if (!a) {
        a = b;
        continue;
      }
      const c = seq[i + 1];
      const da = localDate(a.ts, o.zone);
      const db = localDate(b.ts, o.zone);
      const k = Math.max(1, daysBetween(da, db));
      if (b.v < a.v) {
        if (c && c.v < a.v) a = b; // reset
        continue; // else glitch
      }
      if (b.v - a.v > 1_000_000 * k) {
        if (c && c.v >= b.v) a = b; // jump
        continue; // else spike
      }
      const delta = b.v - a.v;
      if (da === db) add(db, delta);
      else {
        for (let j = 1; j <= k; j++) add(addDays(da, j), Math.floor(delta / k) + (j > k - (delta % k) ? 1 : 0));
      }
      a = b;
    }
  }
  for (const [d, p] of ledger) if (p === 0) ledger.delete(d);
  return ledger;
}
