// `collect`, `health`, `runs`, `report`.
import { writeFileSync } from 'node:fs';
import { formatTrees } from '../../engine/ledger/trees';
import { monthReportCsv } from '../../engine/reports';
import { allowOnly, stringOption } from '../args';
import type { CliContext } from '../context';
import { isoOrNull, table } from '../output';
import { idOption } from './server';
import { InputError } from '../../engine/errors';
import { month as monthSchema, parseInput } from '../../engine/validation';

export async function collectCommand(ctx: CliContext): Promise<number> {
  allowOnly(ctx.args, 'collect', ['feed']);
  const feedId = ctx.args.options.feed === undefined ? undefined : idOption(ctx, 'feed');
  const engine = await ctx.engine({ mustExist: feedId !== undefined });
  // One line per finished feed; a long backfill also reports its days as they come in.
  engine.events.on('run-progress', (p) => {
    if (p.completed) {
      const c = p.completed;
      const what = c.status === 'ok' ? `${c.pages.toLocaleString('en-US')} pages` : `${c.status}: ${c.error ?? ''}`;
      ctx.out.note(`  ${p.feedsDone}/${p.feedsTotal} ${c.name} — ${what}`);
    } else if (p.current && p.current.daysTotal > 60 && p.current.daysDone > 0 && p.current.daysDone < p.current.daysTotal) {
      ctx.out.note(`  … ${p.current.name}: ${p.current.daysDone} of ${p.current.daysTotal} days`);
    }
  });
  const summary = await engine.collect({ trigger: 'cli', ...(feedId !== undefined ? { feedId } : {}) });
  const json = {
    runId: summary.runId,
    servers: summary.servers.map((s) => ({ id: s.id, health: s.health, reason: s.reason })),
    feeds: summary.feeds.map((f) => ({ id: f.id, entityId: f.entityId, status: f.status, reads: f.reads, pages: f.pages, error: f.error })),
  };
  ctx.out.result(json, () => {
    const lines = summary.servers.map((s) => `Server ${s.id} "${s.name}": ${s.health}${s.health === 'unhealthy' ? ` — ${s.reason}; its feeds were skipped` : ''}`);
    if (summary.feeds.length === 0) lines.push('No active feeds to collect.');
    else lines.push(table(['Feed', 'Customer', 'Status', 'Reads', 'Pages', 'Problem'], summary.feeds.map((f) => [String(f.id), f.name, f.status, f.reads, f.pages, f.error ?? ''])));
    return lines.join('\n');
  });
  return summary.feeds.some((f) => f.status !== 'ok') ? 3 : 0;
}

export async function healthCommand(ctx: CliContext): Promise<number> {
  allowOnly(ctx.args, 'health', []);
  const report = await (await ctx.engine()).health();
  const json = {
    servers: report.servers.map((s) => ({ id: s.id, health: s.health, reason: s.reason, changedAt: isoOrNull(s.changedAt) })),
    feeds: report.feeds.map((f) => ({ id: f.id, entityId: f.entityId, health: f.health, reason: f.reason, newestRead: isoOrNull(f.newestRead), changedAt: isoOrNull(f.changedAt), status: f.status })),
  };
  ctx.out.result(json, () => {
    const unhealthy = report.feeds.filter((f) => f.health === 'unhealthy').length;
    const head = `${report.servers.filter((s) => s.health === 'healthy').length}/${report.servers.length} servers healthy · ${report.feeds.length - unhealthy}/${report.feeds.length} feeds healthy`;
    const servers = report.servers.map((s) => `Server ${s.id} "${s.name}": ${s.health}${s.reason ? ` — ${s.reason}` : ''}`);
    const feeds = report.feeds.length ? table(['Feed', 'Customer', 'Health', 'Why'], report.feeds.map((f) => [String(f.id), f.name, f.status === 'paused' ? `${f.health} (paused)` : f.health, f.reason ?? ''])) : '';
    return [head, ...servers, feeds].filter(Boolean).join('\n');
  });
  return 0;
}

export async function runsCommand(ctx: CliContext): Promise<number> {
  allowOnly(ctx.args, 'runs', ['limit']);
  const limitText = stringOption(ctx.args, 'limit') ?? '10';
  if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 1000) throw new InputError('--limit takes a whole number from 1 to 1000');
  const runs = await (await ctx.engine()).runs(Number(limitText));
  const json = {
    runs: runs.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      status: r.status,
      startedAt: isoOrNull(r.startedAt),
      finishedAt: isoOrNull(r.finishedAt),
      feeds: r.feeds.map((f) => ({ id: f.feedId, status: f.status, reads: f.reads, pages: f.pages, error: f.error })),
    })),
  };
  ctx.out.result(json, () =>
    runs.length === 0
      ? 'No collection has run yet.'
      : table(
          ['Run', 'Started', 'Finished', 'Trigger', 'Status', 'Feeds ok', 'Skipped', 'Failed', 'Pages'],
          runs.map((r) => [
            String(r.id),
            isoOrNull(r.startedAt),
            isoOrNull(r.finishedAt),
            r.trigger,
            r.status,
            r.feeds.filter((f) => f.status === 'ok').length,
            r.feeds.filter((f) => f.status === 'skipped').length,
            r.feeds.filter((f) => f.status === 'error').length,
            r.feeds.reduce((s, f) => s + f.pages, 0),
          ]),
        ),
  );
  return 0;
}

export async function reportCommand(ctx: CliContext): Promise<number> {
  allowOnly(ctx.args, 'report', ['month', 'csv']);
  const month = parseInput(monthSchema, stringOption(ctx.args, 'month', true), 'month');
  const engine = await ctx.engine();
  const report = await engine.report(month);
  const csv = stringOption(ctx.args, 'csv');
  if (csv) writeFileSync(csv, monthReportCsv(report));
  ctx.out.result({ month: report.month, feeds: report.feeds.map((f) => ({ id: f.id, entityId: f.entityId, name: f.name, pages: f.pages, trees: f.trees })) }, () => {
    const body = report.feeds.length
      ? table(['Feed', 'Customer', 'Pages', 'Trees'], [...report.feeds.map((f) => [String(f.id), f.name, f.pages, formatTrees(f.trees)]), ['', 'Total', report.totalPages, formatTrees(report.totalTrees)]])
      : 'No feeds yet.';
    return `Pages and trees for ${report.month}\n${body}${csv ? `\nCSV written to ${csv}` : ''}`;
  });
  return 0;
}
