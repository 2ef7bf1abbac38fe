// Exported copies of issued certificates: <dir>/<number>.pdf (the number is unique and safe
// as a file name on every OS), and a CSV of a month's certificates for a spreadsheet.
import { join } from 'node:path';
import { toCsv } from '../csv';
import type { CertificateSummary } from './certificate-service';
import { writeFileAtomic } from './pdf-store';

export async function writeExport(dir: string, number: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, `${number}.pdf`);
  await writeFileAtomic(path, bytes);
  return path;
}

export type CsvCertificate = Pick<CertificateSummary, 'number' | 'month' | 'feedId' | 'entityId' | 'name' | 'pages' | 'carriedPages' | 'trees' | 'sha256'>;

/** RFC 4180 CSV, one row per certificate; trees with 2 decimals (R9). */
export function certificatesCsv(certificates: readonly CsvCertificate[]): string {
  const rows: (string | number)[][] = [['number', 'month', 'feed_id', 'entity_id', 'customer', 'pages', 'carried_pages', 'trees', 'sha256']];
  for (const c of certificates) rows.push([c.number, c.month, c.feedId, c.entityId, c.name, c.pages, c.carriedPages, c.trees.toFixed(2), c.sha256]);
  return toCsv(rows);
}
