// `npm run bench`: (a) a nightly collection with and without concurrency over a slow link,
// (b) a one-year backfill without latency, (c) peak memory, (d) a month's certificates. Prints figures, never a verdict:
// the exit code is 0 unless something broke (1), or the options are wrong (2).
import { parseBenchArgs, UsageError, USAGE } from './args';
import { backfillCustomersFor, runBackfill } from './backfill';
import { runCertificates } from './certificates';
import { progress } from './log';
import { runNightly } from './nightly';
import { benchJson, humanReport, machineLine } from './report';
import { processPeakRssMb } from './rss';
import { Workspace } from './workspace';

async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }

  const ws = new Workspace();
  const interrupted = () => {
    ws.removeAll();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    progress(`benchmark on ${machineLine()}`);
    const started = Date.now();
    const nightly = await runNightly(args.customers, ws);
    const certificates = await runCertificates(nightly.prepared, ws);
    ws.remove(nightly.prepared);
    const backfill = await runBackfill(backfillCustomersFor(args.customers), ws);
    const peak = processPeakRssMb();
    progress(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    process.stdout.write(args.json ? `${JSON.stringify(benchJson(nightly, backfill, certificates, peak))}\n` : humanReport(nightly, backfill, certificates, peak));
    return 0;
  } catch (err) {
    progress(`benchmark failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    ws.removeAll();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

process.exitCode = await main();
