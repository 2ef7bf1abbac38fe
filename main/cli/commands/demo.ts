// `demo`: the embedded Print Tracker simulator and real collections against it in a fresh
// data folder, so a newcomer sees customers, pages and trees within a minute.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, DATABASE_FILE } from '../../engine/engine';
import { InputError } from '../../engine/errors';
import { formatTrees } from '../../engine/ledger/trees';
import { startDemo, type RunningDemo } from '../../engine/demo';
import { allowOnly, stringOption } from '../args';
import type { CliContext } from '../context';
import { table } from '../output';

export async function demoCommand(ctx: CliContext): Promise<number> {
  allowOnly(ctx.args, 'demo', ['customers']);
  const customersText = stringOption(ctx.args, 'customers') ?? '12';
  if (!/^\d+$/.test(customersText) || Number(customersText) < 1 || Number(customersText) > 2000) throw new InputError('--customers takes a whole number from 1 to 2000');
  const given = ctx.args.options['data-dir'] !== undefined;
  const dataDir = given ? ctx.dataDir : mkdtempSync(join(tmpdir(), 'printreleaf-demo-'));
  if (given && existsSync(join(dataDir, DATABASE_FILE))) throw new InputError(`The demo needs a fresh data folder; ${dataDir} already holds a database`);

  ctx.out.note('Starting the embedded Print Tracker simulator…');
  const engine = await Engine.open({ dataDir, clock: ctx.clock });
  let demo: RunningDemo | null = null;
  try {
    const started = await startDemo(engine, { customers: Number(customersText), ...(ctx.args.options.now !== undefined ? { frozenNow: ctx.clock.now() } : {}) });
    demo = started.demo;
    const { server, feeds } = started;
    ctx.out.note(`Registered "${server.name}" and mapped ${feeds.length} customers (activation ${feeds[0]?.activationDate ?? '—'}); collecting…`);
    engine.events.on('run-progress', (p) => {
      if (p.completed) ctx.out.note(`  ${p.feedsDone}/${p.feedsTotal} ${p.completed.name}`);
    });
    const run = await engine.collect({ trigger: 'demo' });
    const month = (await engine.calendar()).format(ctx.clock.now(), { year: 'numeric', month: '2-digit' }, 'en-CA').slice(0, 7);
    const report = await engine.report(month);
    const health = await engine.health();
    const unhealthy = health.feeds.filter((f) => f.health === 'unhealthy');
    const json = {
      dataDir,
      month: report.month,
      run: { id: run.runId, status: run.status, reads: run.feeds.reduce((s, f) => s + f.reads, 0), pages: run.feeds.reduce((s, f) => s + f.pages, 0) },
      feeds: report.feeds.map((f) => ({ id: f.id, entityId: f.entityId, name: f.name, pages: f.pages, trees: f.trees, health: health.feeds.find((h) => h.id === f.id)?.health ?? null })),
      totalPages: report.totalPages,
      totalTrees: report.totalTrees,
    };
    ctx.out.result(json, () =>
      [
        `Collected ${json.run.reads.toLocaleString('en-US')} meter reads into ${json.run.pages.toLocaleString('en-US')} pages.`,
        '',
        `Pages and trees for ${report.month} so far`,
        table(
          ['Feed', 'Customer', 'Pages', 'Trees', 'Health'],
          [...json.feeds.map((f) => [String(f.id), f.name, f.pages, formatTrees(f.trees), f.health ?? '']), ['', 'Total', report.totalPages, formatTrees(report.totalTrees), '']],
        ),
        '',
        ...unhealthy.map((f) => `Needs attention: ${f.name} — ${f.reason}`),
        `Data folder: ${dataDir}`,
        `Try: npm run -s cli -- --data-dir ${dataDir} report --month ${report.month}`,
      ].join('\n'),
    );
    return 0;
  } finally {
    await engine.close();
    await demo?.close();
  }
}
