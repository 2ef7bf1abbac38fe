// One timed collection run. Any feed that is not collected means the benchmark is broken,
// not slow: it stops with the first feed errors rather than report a meaningless time.
import type { Engine } from '../main/engine/engine';
import type { RunTrigger } from '../main/engine/collection/collector';
import { followCollection } from './log';

export interface TimedCollection {
  seconds: number;
  feeds: number;
  /** Read items fetched from Print Tracker. */
  reads: number;
  /** Net pages the run added to the ledger. */
  pages: number;
}

export class BenchFailure extends Error {}

export async function timedCollection(engine: Engine, label: string, trigger: RunTrigger): Promise<TimedCollection> {
  const unfollow = followCollection(engine, label);
  const started = process.hrtime.bigint();
  let summary;
  try {
    summary = await engine.collect({ trigger });
  } finally {
    unfollow();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const bad = summary.feeds.filter((f) => f.status !== 'ok');
  if (summary.status !== 'ok' || bad.length > 0) {
    const servers = summary.servers.filter((s) => s.health !== 'healthy').map((s) => `server ${s.name}: ${s.reason}`);
    const feeds = bad.slice(0, 5).map((f) => `feed ${f.name}: ${f.status} (${f.error ?? 'no reason'})`);
    throw new BenchFailure(`${label}: the collection ended "${summary.status}", ${bad.length} of ${summary.feeds.length} feeds not collected. ${[...servers, ...feeds].join('; ')}`);
  }
  let reads = 0;
  let pages = 0;
  for (const f of summary.feeds) {
    reads += f.reads;
    pages += f.pages;
  }
  return { seconds, feeds: summary.feeds.length, reads, pages };
}
