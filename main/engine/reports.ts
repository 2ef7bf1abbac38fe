// Month totals per feed (R8) and their tree equivalent (R9), from the ledger only (R7).
import type { EngineContext } from './context';
import { toCsv } from './csv';
import { treesFromPages } from './ledger/trees';
import { monthRange } from './time/days';
import { month as monthSchema, parseInput } from './validation';

export interface MonthReportLine {
  id: number;
  entityId: string;
  name: string;
  status: 'active' | 'paused';
  pages: number;
  trees: number;
}

export interface MonthReport {
  month: string;
  feeds: MonthReportLine[];
  totalPages: number;
  totalTrees: number;
}

export async function monthReport(ctx: EngineContext, month: string): Promise<MonthReport> {
  const m = parseInput(monthSchema, month, 'month');
  const { first, last } = monthRange(m);
  const feeds = await ctx.db.feeds.list();
  const pages = await ctx.db.ledger.pagesByFeed(first, last);
  const lines = feeds.map((f) => {
    const p = pages.get(f.id) ?? 0;
    return { id: f.id, entityId: f.entityId, name: f.name, status: f.status, pages: p, trees: treesFromPages(p) };
  });
  const totalPages = lines.reduce((s, l) => s + l.pages, 0);
  // R9: the total's trees come from the total's pages, never from summed rounded values.
  return { month: m, feeds: lines, totalPages, totalTrees: treesFromPages(totalPages) };
}

/** RFC 4180 CSV of a month report (a dealer opens it in a spreadsheet). */
export function monthReportCsv(report: MonthReport): string {
  const rows: (string | number)[][] = [['feed_id', 'entity_id', 'customer', 'month', 'pages', 'trees']];
  for (const l of report.feeds) rows.push([l.id, l.entityId, l.name, report.month, l.pages, l.trees.toFixed(2)]);
  rows.push(['', '', 'Total', report.month, report.totalPages, report.totalTrees.toFixed(2)]);
  return toCsv(rows);
}
