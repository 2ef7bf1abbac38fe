// The certificate table's rows: status in words, sorting, filtering and search.
import type { CertificateMonth } from '../../../../preload/api';
import type { Tone } from '../../components/Badge';

export type CertRow = CertificateMonth['rows'][number];
export type CertSort = 'name' | 'status' | 'pages' | 'carried' | 'trees' | 'sent';
export type CertFilter = 'all' | 'issued' | 'not-issued' | 'unsent';

export const CERT_FILTERS: { value: CertFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'issued', label: 'Issued' },
  { value: 'not-issued', label: 'Not issued' },
  { value: 'unsent', label: 'Not sent' },
];

export function statusOf(row: CertRow, certifiable: boolean): { tone: Tone; label: string } {
  switch (row.status) {
    case 'issued':
      return { tone: 'ok', label: 'Issued' };
    case 'not-yet':
      return certifiable ? { tone: 'warn', label: 'Ready to issue' } : { tone: 'neutral', label: 'Month not over' };
    case 'nothing-to-certify':
      return { tone: 'neutral', label: 'No pages' };
    case 'not-active':
      return { tone: 'neutral', label: 'Paused' };
    case 'activated-later':
      return { tone: 'neutral', label: 'Activated later' };
  }
}

function sentRank(row: CertRow): number {
  const s = row.certificate?.sent;
  return s ? (s.status === 'failed' ? 0 : 2) : row.certificate ? 1 : 3;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function value(row: CertRow, key: CertSort): number {
  switch (key) {
    case 'pages':
      return row.certificate?.pages ?? row.ledgerPages;
    case 'carried':
      return row.certificate?.carriedPages ?? 0;
    case 'trees':
      return row.certificate?.trees ?? -1;
    case 'status':
      return ['issued', 'not-yet', 'nothing-to-certify', 'not-active', 'activated-later'].indexOf(row.status);
    case 'sent':
      return sentRank(row);
    default:
      return 0;
  }
}

export function visibleRows(rows: CertRow[], o: { search: string; filter: CertFilter; sort: CertSort; dir: 'asc' | 'desc' }): CertRow[] {
  const terms = o.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = rows.filter((r) => {
    if (o.filter === 'issued' && !r.certificate) return false;
    if (o.filter === 'not-issued' && r.certificate) return false;
    if (o.filter === 'unsent' && (!r.certificate || r.certificate.sent?.status === 'sent')) return false;
    const text = `${r.name} ${r.entityId} ${r.certificate?.number ?? ''} ${r.certificate?.email ?? ''}`.toLowerCase();
    return terms.every((t) => text.includes(t));
  });
  const sign = o.dir === 'asc' ? 1 : -1;
  return shown.sort((a, b) => sign * (o.sort === 'name' ? collator.compare(a.name, b.name) : value(a, o.sort) - value(b, o.sort)) || collator.compare(a.name, b.name));
}
