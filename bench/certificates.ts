// Scenario (d): issuing a month's certificates for every customer of the nightly scenario's
// prepared dealer (R10 certification, PDF rendering, SHA-256, files, one transaction each).
// The activation month is issued first, untimed (it also warms the fonts); then the next,
// complete month is timed.
import { openEngine, NIGHT, DAY_MS } from './dealer';
import { progress } from './log';
import type { Workspace } from './workspace';

export interface CertificatesResult {
  customers: number;
  month: string;
  certificates: number;
  seconds: number;
  perSecond: number;
}

export async function runCertificates(preparedDir: string, ws: Workspace): Promise<CertificatesResult> {
  const dir = ws.copy(preparedDir, 'certificates');
  const { engine } = await openEngine(dir, NIGHT);
  try {
    const calendar = await engine.calendar();
    const feeds = await engine.feeds.list();
    const activationMonth = feeds[0]!.activationDate.slice(0, 7);
    const month = new Date(Date.parse(`${activationMonth}-15T00:00:00Z`) + 31 * DAY_MS).toISOString().slice(0, 7);
    progress(`(d) certificates: issuing ${activationMonth} (untimed), then timing ${month} for ${feeds.length} customers (today ${calendar.format(NIGHT, { dateStyle: 'medium' })})`);
    await engine.certificates.issue(activationMonth);
    const started = process.hrtime.bigint();
    const result = await engine.certificates.issue(month);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const issued = result.certificates.filter((c) => c.issuedNow && c.month === month).length;
    progress(`(d) certificates: ${issued} issued in ${seconds.toFixed(1)} s`);
    return { customers: feeds.length, month, certificates: issued, seconds, perSecond: issued / seconds };
  } finally {
    await engine.close();
    ws.remove(dir);
  }
}
