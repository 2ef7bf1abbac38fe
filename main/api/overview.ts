// The dashboard's data: one line of truth, counts, this month's pages and trees, last and
// next run, and what needs attention with the action that fixes it (ui-guide.md).
import type { AttentionItem, CollectionProgress, Overview } from '../../preload/api';
import type { Engine } from '../engine/engine';
import { latestCertifiableMonth } from '../engine/certificates/certify';
import { periodLabel } from '../engine/certificates/labels';
import { treesFromPages } from '../engine/ledger/trees';
import { monthOf, monthRange } from '../engine/time/days';
import { anomalyView, runView } from './views';

const NO_LOSS = 'No pages are lost: they will be collected when it recovers.';

export async function buildOverview(engine: Engine, collecting: CollectionProgress | null): Promise<Overview> {
  const db = engine.ctx.db;
  const settings = await engine.settings();
  const calendar = await engine.calendar();
  const now = engine.clock.now();
  const [servers, feeds, runs] = await Promise.all([db.servers.list(), db.feeds.list(), db.runs.latest(1)]);
  const month = monthOf(calendar.dayOf(now));
  const { first, last } = monthRange(month);
  const pagesByFeed = await db.ledger.pagesByFeed(first, last);
  const monthPages = [...pagesByFeed.values()].reduce((a, b) => a + b, 0);
  const active = feeds.filter((f) => f.status === 'active');
  const unhealthyFeeds = active.filter((f) => f.health === 'unhealthy');
  const badServers = servers.filter((s) => s.health === 'unhealthy');
  const lastRun = runs[0] ? runView(runs[0]) : null;

  const attention: AttentionItem[] = [];
  for (const s of badServers) {
    const count = feeds.filter((f) => f.serverId === s.id).length;
    const keyProblem = /API key|secret|decrypt|re-enter/i.test(s.healthReason ?? '');
    attention.push({
      kind: keyProblem ? 'server-key-missing' : 'server-unhealthy',
      severity: 'error',
      title: `${s.name}: ${s.healthReason ?? 'cannot be reached'}`,
      detail: `Collection is paused for its ${count} customer${count === 1 ? '' : 's'}. ${NO_LOSS}`,
      action: { label: keyProblem ? 'Re-enter API key' : 'Check server', screen: 'servers', id: s.id },
    });
  }
  for (const f of unhealthyFeeds) {
    if (badServers.some((s) => s.id === f.serverId)) continue;
    attention.push({
      kind: 'feed-unhealthy',
      severity: 'warning',
      title: `${f.name}: ${f.healthReason ?? 'no new data'}`,
      detail: `Check the customer's data-collection agent (DCA). ${NO_LOSS}`,
      action: { label: 'Open feed', screen: 'feeds', id: f.id },
    });
  }
  for (const rf of lastRun?.feeds.filter((x) => x.status === 'error') ?? []) {
    attention.push({
      kind: 'feed-error',
      severity: 'warning',
      title: `${rf.name}: the last collection failed — ${rf.error ?? 'unknown error'}`,
      detail: `It will be retried at the next collection. ${NO_LOSS}`,
      action: { label: 'Open feed', screen: 'feeds', id: rf.feedId },
    });
  }

  // R10: the latest month that can be certified, if some active feed still waits for it.
  const due = latestCertifiableMonth(now, settings.graceDays, calendar);
  const certified = new Set((await db.certificates.certificationsOfMonth(due)).map((c) => c.feedId));
  const waiting = active.filter((f) => f.activationDate.slice(0, 7) <= due && !certified.has(f.id)).length;
  if (waiting > 0) {
    attention.push({
      kind: 'certificates-due',
      severity: 'warning',
      title: `${periodLabel(due, settings.locale)} can be certified for ${waiting} customer${waiting === 1 ? '' : 's'}`,
      detail: settings.autoIssueCertificates ? 'They will be issued after the next nightly collection, or issue them now.' : 'Issue the certificates, preview them and send them to your customers.',
      action: { label: 'Open certificates', screen: 'certificates' },
    });
  }
  const failedSends = (await engine.certificates.list(due)).filter((c) => c.email.status === 'failed');
  if (failedSends.length > 0) {
    const first = failedSends[0]!.email;
    attention.push({
      kind: 'certificate-send-failed',
      severity: 'warning',
      title: `${failedSends.length} certificate${failedSends.length === 1 ? '' : 's'} could not be e-mailed${first.status === 'failed' ? `: ${first.error}` : ''}`,
      detail: 'The certificates are issued and safe; fix the e-mail settings and send again.',
      action: { label: 'Open certificates', screen: 'certificates' },
    });
  }

  const names = new Map(feeds.map((f) => [f.id, f.name]));
  const anomalies = (await db.ledger.recentAnomalies(8)).map((a) => anomalyView(a, names.get(a.feedId) ?? `feed ${a.feedId}`));

  const time = (ts: number) => calendar.format(ts, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, settings.locale);
  const lastText = lastRun?.finishedAt ? ` · last collection ${time(lastRun.startedAt)}, ${lastRun.pages.toLocaleString(settings.locale)} pages` : '';
  let status: Overview['status'];
  let summary: string;
  if (servers.length === 0) {
    status = 'empty';
    summary = 'No Print Tracker server registered yet';
  } else if (collecting) {
    status = 'collecting';
    summary = `Collecting · ${collecting.feedsDone} of ${collecting.feedsTotal} feeds${collecting.current ? ` · ${collecting.current.name}` : ''}`;
  } else if (badServers.length > 0) {
    status = 'error';
    summary = badServers.length === 1 ? `${badServers[0]!.name} cannot be reached: ${badServers[0]!.healthReason ?? ''}`.trim() : `${badServers.length} servers cannot be reached`;
  } else if (attention.length > 0) {
    status = 'attention';
    const troubled = new Set([...unhealthyFeeds.map((f) => f.id), ...(lastRun?.feeds.filter((x) => x.status === 'error').map((x) => x.feedId) ?? [])]);
    summary =
      troubled.size > 0
        ? `${troubled.size} feed${troubled.size === 1 ? ' needs' : 's need'} attention${lastText}`
        : `All ${active.length} feed${active.length === 1 ? '' : 's'} healthy · ${attention[0]!.title}`;
  } else {
    status = 'healthy';
    summary = active.length === 0 ? `No active feeds yet${lastText}` : `All ${active.length} feed${active.length === 1 ? '' : 's'} healthy${lastText}`;
  }

  return {
    summary,
    status,
    servers: { total: servers.length, healthy: servers.filter((s) => s.health === 'healthy').length },
    feeds: { total: feeds.length, healthy: active.length - unhealthyFeeds.length, unhealthy: unhealthyFeeds.length, paused: feeds.length - active.length },
    month: { month, pages: monthPages, trees: treesFromPages(monthPages) },
    lastRun,
    nextRunAt: engine.nextRunAt(),
    scheduleEnabled: settings.scheduleEnabled,
    collecting,
    attention,
    anomalies,
  };
}
