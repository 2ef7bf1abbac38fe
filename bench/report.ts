// The benchmark's results: the JSON document of `--json`, and the summary for people.
// Figures and ratios only; the aims are printed for reference, never judged here.
import { cpus } from 'node:os';
import type { BackfillResult } from './backfill';
import type { CertificatesResult } from './certificates';
import type { NightlyResult } from './nightly';

export interface BenchJson {
  collection: { customers: number; devicesPerCustomer: number; latencyMs: number; concurrentSeconds: number; serialSeconds: number; speedup: number };
  backfill: { devices: number; reads: number; readsPerSecond: number };
  peakRssMb: number;
  certificates: { customers: number; month: string; seconds: number; perSecond: number };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function benchJson(a: NightlyResult, b: BackfillResult, d: CertificatesResult, peakRssMb: number): BenchJson {
  return {
    collection: {
      customers: a.customers,
      devicesPerCustomer: a.devicesPerCustomer,
      latencyMs: a.latencyMs,
      concurrentSeconds: round(a.concurrent.seconds, 2),
      serialSeconds: round(a.serial.seconds, 2),
      speedup: round(a.speedup, 2),
    },
    backfill: { devices: b.devices, reads: b.reads, readsPerSecond: Math.round(b.readsPerSecond) },
    peakRssMb: Math.round(peakRssMb),
    certificates: { customers: d.certificates, month: d.month, seconds: round(d.seconds, 2), perSecond: round(d.perSecond, 1) },
  };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const sec = (n: number) => `${n.toFixed(1)} s`;

export function machineLine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, ${process.platform}/${process.arch}`;
}

export function humanReport(a: NightlyResult, b: BackfillResult, d: CertificatesResult, peakRssMb: number): string {
  const c = a.concurrent;
  const perFeed = c.requests / c.feeds;
  // A feed's device listing runs alongside its first /meter request, and the run checks the
  // server once: the round trips a feed waits for are its requests minus one.
  const roundTrips = (c.requests - 1) / c.feeds - 1;
  const bound = (c.feeds * roundTrips * a.latencyMs) / 1000 / c.concurrency;
  const serialBound = (a.serial.feeds * roundTrips * a.latencyMs) / 1000;
  return [
    `PrintReleaf Tray benchmark, ${new Date().toISOString()}`,
    `machine: ${machineLine()}`,
    '',
    `(a) nightly collection: ${int(a.customers)} customers × ${a.devicesPerCustomer} devices, ${a.latencyMs} ms latency per request`,
    `    state: every feed collected up to last night (preparation: ${int(a.prepare.reads)} reads in ${sec(a.prepare.seconds)})`,
    `    concurrency ${c.concurrency}: ${sec(c.seconds)}  (${int(c.requests)} requests, ${perFeed.toFixed(2)} per feed; ${int(c.reads)} reads, ${int(c.pages)} pages)`,
    `    concurrency ${a.serial.concurrency}: ${sec(a.serial.seconds)}  (${int(a.serial.requests)} requests)`,
    `    speedup: ${a.speedup.toFixed(2)}×  (aim ≥ 6×)`,
    `    network floor: feeds × ${roundTrips.toFixed(2)} round trips × latency / concurrency = ${sec(bound)} at ${c.concurrency}, ${sec(serialBound)} at 1`,
    `    time above that floor: ${sec(c.seconds - bound)} at ${c.concurrency}, ${sec(a.serial.seconds - serialBound)} at 1`,
    '',
    `(b) one-year backfill: ${int(b.devices)} devices (${b.customers} customers × ${b.devices / b.customers}), ${b.days} days, no added latency`,
    `    ${int(b.reads)} reads in ${sec(b.seconds)} (${int(b.requests)} requests): ${int(b.readsPerSecond)} reads/s  (aim ≥ 50,000/s)`,
    '',
    `(c) peak RSS: ${int(peakRssMb)} MB for the whole run (getrusage ru_maxrss; includes the simulator's worker thread)`,
    `    sampled every 50 ms (process.memoryUsage.rss): (a) ${int(a.sampledPeakRssMb)} MB, (b) ${int(b.sampledPeakRssMb)} MB`,
    '',
    `(d) certificates: ${int(d.certificates)} issued for ${d.month} (one per customer) in ${sec(d.seconds)}: ${d.perSecond.toFixed(1)} per second  (aim: all 1,000 in under 60 s)`,
    '',
  ].join('\n');
}
