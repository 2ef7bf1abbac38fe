// Per customer for the month: status, pages (carried-forward pages apart), trees, the
// certificate number and whether it was sent. Picking a row previews its certificate.
import { useApp } from '../../app/AppContext';
import { Badge } from '../../components/Badge';
import { SortableHeader } from '../../components/SortableHeader';
import { statusOf, type CertRow, type CertSort } from './certificateRows';

const COLUMNS: { key: CertSort; label: string; numeric?: boolean; className: string }[] = [
  { key: 'name', label: 'Customer', className: 'ccol-customer' },
  { key: 'status', label: 'Status', className: 'ccol-status' },
  { key: 'pages', label: 'Pages', numeric: true, className: 'ccol-pages' },
  { key: 'carried', label: 'Carried', numeric: true, className: 'ccol-carried' },
  { key: 'trees', label: 'Trees', numeric: true, className: 'ccol-trees' },
  { key: 'sent', label: 'E-mail', className: 'ccol-sent' },
];

function SentCell({ row }: { row: CertRow }) {
  const { dates } = useApp();
  const c = row.certificate;
  if (!c) return <span className="muted">—</span>;
  if (c.sent?.status === 'sent') {
    return (
      <span title={`Sent to ${c.sent.to} on ${dates.dateTime(c.sent.at)}`}>
        <Badge tone="ok" icon="mail" label="Sent" />
        <span className="cell-sub">{dates.monthDay(c.sent.at)}</span>
      </span>
    );
  }
  if (c.sent?.status === 'failed') {
    return (
      <span title={c.sent.error ?? undefined}>
        <Badge tone="error" label="Failed" />
        <span className="cell-sub">{c.sent.error ?? ''}</span>
      </span>
    );
  }
  return c.email ? <Badge tone="neutral" icon="mail" label="Not sent" /> : <span className="muted small" title="Add a contact e-mail on the Feeds screen">No address</span>;
}

export function CertificateTable({ rows, certifiable, sort, dir, onSort, selectedId, onSelect }: { rows: CertRow[]; certifiable: boolean; sort: CertSort; dir: 'asc' | 'desc'; onSort: (k: CertSort) => void; selectedId: number | null; onSelect: (certificateId: number) => void }) {
  const { count, trees } = useApp();
  return (
    <div className="table-scroll">
      <table className="data cert-table" aria-label="Certificates">
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.key} className={c.className} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <SortableHeader key={c.key} column={c} sort={sort} dir={dir} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const c = row.certificate;
            const status = statusOf(row, certifiable);
            const selected = c !== null && c.id === selectedId;
            return (
              <tr key={row.feedId} className={selected ? 'is-selected' : undefined} aria-current={selected ? 'true' : undefined} data-feed-id={row.feedId}>
                <td>
                  {c ? (
                    <button type="button" className="link cell-main" onClick={() => onSelect(c.id)} title={`Preview the certificate for ${row.name}`}>
                      {row.name}
                    </button>
                  ) : (
                    <div className="cell-main" title={row.name}>
                      {row.name}
                    </div>
                  )}
                  <div className="cell-sub">{c ? `No. ${c.number}` : row.status === 'not-yet' ? 'Not issued yet' : 'No certificate'}</div>
                </td>
                <td>
                  <Badge tone={status.tone} label={status.label} />
                </td>
                <td className="num" data-testid="pages">
                  {c ? count(c.pages) : <span className="muted">{count(row.ledgerPages)}</span>}
                </td>
                <td className="num" data-testid="carried">
                  {c ? (c.carriedPages > 0 ? count(c.carriedPages) : <span className="muted">0</span>) : <span className="muted">—</span>}
                </td>
                <td className="num" data-testid="trees">
                  {c ? trees(c.trees) : <span className="muted">—</span>}
                </td>
                <td>
                  <SentCell row={row} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
