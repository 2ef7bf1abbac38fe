// The simulator's data: entities and devices are made once at start (small), meter reads
// are computed on demand from the seed — any read of any day in O(1), nothing stored.
import { hash2, hash3, hashString, hex8, hex24, mulberry32, unit } from './prng';
import { LOCATIONS, PRINTERS, customerNames, dealerName, subSiteName } from './names';

export const DAY_MS = 86_400_000;
/** Monday 4 January 2010: every device's counter is computed from this day on. */
const ORIGIN_DAY = 14_613;
const TOD_JITTER_MS = 20 * 60_000;
const UPLOAD_DELAY_MS = 3_000;
const SUB_SITE_EVERY = 5;

export type CounterFamily = 'life' | 'default';

export interface SimDeviceSummary {
  id: string;
  managed: boolean;
  family: CounterFamily;
}

export interface SimCustomer {
  id: string;
  name: string;
  parentId: string;
  devices: SimDeviceSummary[];
}

export interface ModelOptions {
  seed: number;
  customers: number;
  devicesPerCustomer: number | [min: number, max: number];
  managedRatio: number;
  historyStartMs: number;
  nowMs: number;
  subSites: boolean;
}

interface CounterEvent {
  at: number;
  /** Day of the first read at or after `at`: its counter becomes `newStart`. */
  firstDay: number;
  newStart: number;
}

interface Glitch {
  at: number;
  value: string;
  seq: number;
}

export interface SimEntity {
  id: string;
  name: string;
  parent: SimEntity | null;
  genealogy: string[];
  children: SimEntity[];
  devices: SimDevice[];
  /** Agent outages: reads taken in [from, until) upload at `until` (null: not yet). */
  /** Agent outages: reads taken in [from, until) are buffered and uploaded at `uploadAt` (default: until). */
  stale: { from: number; until: number | null; uploadAt?: number }[];
  city: string;
}

export interface SimDevice {
  ordinal: number;
  id: string;
  entity: SimEntity;
  managed: boolean;
  family: CounterFamily;
  key: number;
  firstMs: number;
  createdMs: number;
  todMs: number;
  base: number;
  /** prefix[k] = pages printed Monday..day k-1 of a week; prefix[7] is the weekly total. */
  prefix: number[];
  /** jitterCap[k]: the counter on weekday k may run up to jitterCap[k]-1 pages ahead. */
  jitterCap: number[];
  colorRatio: number;
  make: string;
  model: string;
  serialNumber: string;
  ipAddress: string;
  location: string;
  events: CounterEvent[];
  glitches: Glitch[];
  duplicated: boolean;
  zeroRanges: [from: number, to: number][];
  lateMs: number;
}

/** A read before materialisation: enough to sort, page, and build it later. */
export interface ReadRef {
  ts: number;
  device: SimDevice;
  day: number;
  /** 0 the normal read, 1 its duplicate copy, 16+n glitch n. */
  variant: number;
  uploadedAt: number;
}

const CITIES = ['Portland', 'Austin', 'Columbus', 'Raleigh', 'Denver', 'Madison', 'Tampa', 'Boise', 'Omaha', 'Richmond'];

const isoDayPrefix = new Map<number, string>();
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Date#toISOString, faster: the date part is cached per day (a year of reads shares 365). */
export function isoInstant(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = isoDayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (isoDayPrefix.size > 20_000) isoDayPrefix.clear();
    isoDayPrefix.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  const msText = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : String(millis);
  return `${prefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${msText}Z`;
}

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

export class SimModel {
  readonly parent: SimEntity;
  readonly entities = new Map<string, SimEntity>();
  readonly devices = new Map<string, SimDevice>();
  private readonly seed: number;
  private nextOrdinal = 0;
  private glitchSeq = 0;

  constructor(private readonly o: ModelOptions) {
    this.seed = o.seed >>> 0;
    const rootId = hex24(hash2(this.seed, 1), hash2(this.seed, 2), hash2(this.seed, 3));
    this.parent = this.makeEntity(hex24(hash2(this.seed, 4), hash2(this.seed, 5), hash2(this.seed, 6)), dealerName(this.seed), null, [rootId]);
    const names = customerNames(this.seed, o.customers);
    const historyDay = floorDiv(o.historyStartMs, DAY_MS);
    const nowDay = floorDiv(o.nowMs, DAY_MS);
    names.forEach((name, i) => {
      const id = hex24(hash3(this.seed, 10, i), hash3(this.seed, 11, i), hash3(this.seed, 12, i));
      const customer = this.makeEntity(id, name, this.parent, [...this.parent.genealogy, this.parent.id]);
      this.addInitialDevices(customer, this.deviceCount(i), historyDay, nowDay);
      if (o.subSites && i % SUB_SITE_EVERY === 2) {
        const subId = hex24(hash3(this.seed, 20, i), hash3(this.seed, 21, i), hash3(this.seed, 22, i));
        const site = this.makeEntity(subId, subSiteName(name, hash3(this.seed, 23, i)), customer, [...customer.genealogy, customer.id]);
        this.addInitialDevices(site, 1 + (hash3(this.seed, 24, i) % 3), historyDay, nowDay);
      }
    });
  }

  /** Every entity below the parent, depth first (Print Tracker's flat `children`). */
  descendants(entity: SimEntity): SimEntity[] {
    const out: SimEntity[] = [];
    const walk = (e: SimEntity) => {
      for (const child of e.children) {
        out.push(child);
        walk(child);
      }
    };
    walk(entity);
    return out;
  }

  customers(): SimCustomer[] {
    return this.descendants(this.parent).map((e) => ({
      id: e.id,
      name: e.name,
      parentId: e.parent?.id ?? '',
      devices: e.devices.map((d) => ({ id: d.id, managed: d.managed, family: d.family })),
    }));
  }

  entity(id: string): SimEntity {
    const e = this.entities.get(id);
    if (!e) throw new Error(`simulator: unknown entity ${id}`);
    return e;
  }

  device(id: string): SimDevice {
    const d = this.devices.get(id);
    if (!d) throw new Error(`simulator: unknown device ${id}`);
    return d;
  }

  addDevice(entity: SimEntity, o: { managed?: boolean; firstMs: number }): SimDevice {
    const device = this.makeDevice(entity, o.firstMs, o.firstMs);
    if (o.managed !== undefined) device.managed = o.managed;
    return device;
  }

  // ---- scripted behaviours -------------------------------------------------------------

  addCounterEvent(device: SimDevice, at: number, newStart: number): void {
    let firstDay = floorDiv(at, DAY_MS);
    if (this.readTs(device, firstDay) < at) firstDay++;
    firstDay = Math.max(firstDay, floorDiv(device.firstMs, DAY_MS));
    device.events.push({ at, firstDay, newStart });
    device.events.sort((a, b) => a.at - b.at);
  }

  addGlitch(device: SimDevice, at: number, value: number | string): void {
    device.glitches.push({ at, value: String(value), seq: this.glitchSeq++ });
  }

  // ---- reads -----------------------------------------------------------------------------

  readTs(device: SimDevice, day: number): number {
    return day * DAY_MS + device.todMs + (hash2(device.key ^ 0x51ed27, day) % TOD_JITTER_MS);
  }

  /** The device's counter on `day` without scripted events: strictly increasing day by day. */
  rawCounter(device: SimDevice, day: number): number {
    const n = day - ORIGIN_DAY;
    const weeks = floorDiv(n, 7);
    const k = n - weeks * 7;
    const jitter = hash2(device.key, day) % device.jitterCap[k]!;
    return device.base + device.prefix[7]! * weeks + device.prefix[k + 1]! + jitter;
  }

  counter(device: SimDevice, ts: number, day: number): number {
    const raw = this.rawCounter(device, day);
    for (let i = device.events.length - 1; i >= 0; i--) {
      const e = device.events[i]!;
      if (ts >= e.at) return e.newStart + raw - this.rawCounter(device, e.firstDay);
    }
    return raw;
  }

  uploadedAt(device: SimDevice, ts: number, variant: number): number {
    let at = ts + (hash3(device.key, floorDiv(ts, 1000), variant) % UPLOAD_DELAY_MS);
    if (device.lateMs > 0) at = Math.max(at, ts + device.lateMs);
    for (const w of device.entity.stale) {
      if (ts >= w.from && (w.until === null || ts < w.until)) at = Math.max(at, w.uploadAt ?? w.until ?? Number.POSITIVE_INFINITY);
    }
    return at;
  }

  /** Reads of `devices` with timestamp in [start, end], visible at `now`, sorted by time. */
  reads(devices: readonly SimDevice[], start: number, end: number, now: number): ReadRef[] {
    const out: ReadRef[] = [];
    const last = Math.min(end, now);
    for (const device of devices) {
      const from = Math.max(start, device.firstMs);
      if (from > last) continue;
      const lastDay = floorDiv(last, DAY_MS);
      for (let day = floorDiv(from, DAY_MS); day <= lastDay; day++) {
        const ts = this.readTs(device, day);
        if (ts < from || ts > last) continue;
        const uploadedAt = this.uploadedAt(device, ts, 0);
        if (uploadedAt > now) continue;
        out.push({ ts, device, day, variant: 0, uploadedAt });
        if (device.duplicated) out.push({ ts, device, day, variant: 1, uploadedAt });
      }
      for (const g of device.glitches) {
        if (g.at < start || g.at > last) continue;
        const variant = 16 + g.seq;
        const uploadedAt = this.uploadedAt(device, g.at, variant);
        if (uploadedAt <= now) out.push({ ts: g.at, device, day: floorDiv(g.at, DAY_MS), variant, uploadedAt });
      }
    }
    out.sort((a, b) => a.ts - b.ts || a.device.ordinal - b.device.ordinal || a.variant - b.variant);
    return out;
  }

  /** The newest visible read with timestamp ≤ `atOrBefore`. */
  latestRead(device: SimDevice, atOrBefore: number, now: number): ReadRef | null {
    const limit = Math.min(atOrBefore, now);
    for (let end = limit; end >= device.firstMs - 32 * DAY_MS; end -= 32 * DAY_MS) {
      const found = this.reads([device], end - 32 * DAY_MS + 1, end, now);
      if (found.length > 0) return found[found.length - 1]!;
    }
    // Glitch reads may sit before the first regular read.
    const early = this.reads([device], Number.NEGATIVE_INFINITY, limit, now);
    return early[early.length - 1] ?? null;
  }

  readJson(r: ReadRef): Record<string, unknown> {
    return JSON.parse(this.readText(r)) as Record<string, unknown>;
  }

  /**
   * A JSON array of reads as bytes. Built in small chunks: one 4 MB string (a customer's
   * year) costs several times more in garbage collection than 200-read pieces.
   */
  readsBody(refs: readonly ReadRef[]): Buffer {
    const chunks: Buffer[] = [];
    for (let k = 0; k < refs.length; k += 200) {
      const end = Math.min(refs.length, k + 200);
      let text = k === 0 ? '[' : ',';
      for (let j = k; j < end; j++) text += (j === k ? '' : ',') + this.readText(refs[j]!);
      chunks.push(Buffer.from(text));
    }
    chunks.push(Buffer.from(refs.length === 0 ? '[]' : ']'));
    return Buffer.concat(chunks);
  }

  /** A read as JSON text; built by hand because a year of reads must serialise in a few ms. */
  readText(r: ReadRef): string {
    const d = r.device;
    // Unique by construction: device ordinal, day and variant are all in the id.
    const id = hex8(hash3(d.key, r.day, r.variant)) + hex8(d.ordinal).slice(2) + hex8(r.day).slice(2) + hex8(r.variant).slice(4);
    const section = this.sectionText(r);
    const pageCounts = d.family === 'life' ? `{"default":${section},"life":${section}}` : `{"default":${section}}`;
    return (
      `{"id":"${id}","entityKey":${JSON.stringify(d.entity.id)},"deviceKey":${JSON.stringify(d.id)},` +
      `"timestamp":"${isoInstant(r.ts)}","createdDate":"${isoInstant(r.uploadedAt)}",` +
      `"pageCounts":${pageCounts}}`
    );
  }

  private sectionText(r: ReadRef): string {
    const d = r.device;
    const glitch = r.variant >= 16 ? d.glitches.find((g) => g.seq === r.variant - 16) : undefined;
    const zeroed = d.zeroRanges.length > 0 && d.zeroRanges.some(([from, to]) => r.ts >= from && r.ts <= to);
    if (glitch || zeroed) {
      const value = JSON.stringify(glitch ? glitch.value : '0');
      return `{"total":{"displayName":"Total","value":${value}},"totalBlack":{"displayName":"Total Black","value":${value}}}`;
    }
    let count = this.counter(d, r.ts, r.day);
    if (r.variant === 1) count = Math.max(1, count - 1 - (hash2(d.key ^ 0xd0b1e, r.day) % 5));
    const color = Math.floor(count * d.colorRatio);
    const colorPart = d.colorRatio > 0 ? `,"totalColor":{"displayName":"Total Color","value":"${color}"}` : '';
    return `{"total":{"displayName":"Total","value":"${count}"},"totalBlack":{"displayName":"Total Black","value":"${count - color}"}${colorPart}}`;
  }

  // ---- JSON of entities and devices ------------------------------------------------------

  entityJson(e: SimEntity, includeChildren: boolean): Record<string, unknown> {
    const json: Record<string, unknown> = {
      id: e.id,
      name: e.name,
      genealogy: e.genealogy,
      addresses: [{ name: 'Main', type: 'main', city: e.city, country: 'US' }],
    };
    if (includeChildren) json['children'] = this.descendants(e).map((c) => ({ id: c.id, name: c.name }));
    return json;
  }

  deviceJson(d: SimDevice): Record<string, unknown> {
    return {
      id: d.id,
      entityKey: d.entity.id,
      make: d.make,
      model: d.model,
      serialNumber: d.serialNumber,
      ipAddress: d.ipAddress,
      location: d.location,
      createdDate: new Date(d.createdMs).toISOString(),
      isLocal: false,
    };
  }

  // ---- construction ----------------------------------------------------------------------

  private makeEntity(id: string, name: string, parent: SimEntity | null, genealogy: string[]): SimEntity {
    const entity: SimEntity = {
      id,
      name,
      parent,
      genealogy,
      children: [],
      devices: [],
      stale: [],
      city: CITIES[hashString(id) % CITIES.length]!,
    };
    parent?.children.push(entity);
    this.entities.set(id, entity);
    return entity;
  }

  private deviceCount(customerIndex: number): number {
    const spec = this.o.devicesPerCustomer;
    if (typeof spec === 'number') return Math.max(0, Math.floor(spec));
    const [min, max] = spec;
    return min + (hash3(this.seed, 30, customerIndex) % (Math.max(min, max) - min + 1));
  }

  private addInitialDevices(entity: SimEntity, count: number, historyDay: number, nowDay: number): void {
    for (let i = 0; i < count; i++) {
      const h = hash3(this.seed, 40, this.nextOrdinal);
      // Most devices report over the whole history; some are installed part-way through.
      if (unit(h) < 0.85 || nowDay - historyDay < 3) {
        this.makeDevice(entity, this.o.historyStartMs, this.o.historyStartMs - 30 * DAY_MS);
      } else {
        const span = Math.max(1, Math.floor((nowDay - historyDay - 1) * 0.9));
        const firstMs = (historyDay + 1 + (hash2(h, 1) % span)) * DAY_MS;
        this.makeDevice(entity, firstMs, firstMs);
      }
    }
  }

  private makeDevice(entity: SimEntity, firstMs: number, createdMs: number): SimDevice {
    const ordinal = this.nextOrdinal++;
    const key = hash3(this.seed, 50, ordinal);
    const r = mulberry32(key);
    const id =
      r() < 0.15
        ? String(100_000_000 + (hash2(key, 1) % 900_000_000)) + String(hash2(key, 2) % 100_000_000).padStart(8, '0') + String(ordinal).padStart(8, '0')
        : hex8(hash2(key, 3)) + hex8(hash2(key, 4)) + hex8(ordinal);
    const printer = PRINTERS[Math.floor(r() * PRINTERS.length)]!;
    // Weekday volumes in the tens to a few hundred pages, weekends a trickle.
    const avg = 20 + Math.floor(260 * r() ** 1.6);
    const factors = [1.05, 1.1, 1.0, 1.0, 0.85];
    const volumes = factors.map((f) => Math.max(3, Math.round(avg * f * (0.9 + 0.2 * r()))));
    const weekend = Math.max(2, Math.round(avg * 0.06));
    volumes.push(weekend, weekend);
    const prefix = [0];
    for (const v of volumes) prefix.push(prefix[prefix.length - 1]! + v);
    // The jitter of day k is bounded by the next day's volume, so each day still adds ≥ 1 page.
    const jitterCap = volumes.map((_, k) => Math.max(1, Math.floor(0.6 * volumes[(k + 1) % 7]!)));
    const device: SimDevice = {
      ordinal,
      id,
      entity,
      managed: r() < this.o.managedRatio,
      family: r() < 0.85 ? 'life' : 'default',
      key,
      firstMs,
      createdMs,
      todMs: Math.floor((6 + 14 * r()) * 3_600_000),
      base: 5_000 + Math.floor(r() * 250_000),
      prefix,
      jitterCap,
      colorRatio: printer.color ? 0.1 + 0.3 * r() : 0,
      make: printer.make,
      model: printer.model,
      serialNumber: `${printer.make.slice(0, 2).toUpperCase()}${hex8(hash2(key, 5)).toUpperCase()}`,
      ipAddress: `10.${hash2(key, 6) % 256}.${hash2(key, 7) % 256}.${2 + (hash2(key, 8) % 250)}`,
      location: LOCATIONS[hash2(key, 9) % LOCATIONS.length]!,
      events: [],
      glitches: [],
      duplicated: false,
      zeroRanges: [],
      lateMs: 0,
    };
    entity.devices.push(device);
    this.devices.set(id, device);
    return device;
  }
}
