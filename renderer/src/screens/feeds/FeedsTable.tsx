// The feeds as a table that stays smooth with 1,000 rows: only the rows in view are in the
// page (virtualised, with spacer rows so it remains a real table for screen readers),
// under a sticky header with sortable columns.
import { useEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { FeedView } from '../../../../preload/api';
import { useApp } from '../../app/AppContext';
import { Badge, HealthBadge } from '../../components/Badge';
import { IconButton } from '../../components/Button';
import { SortableHeader } from '../../components/SortableHeader';
import type { SortDir, SortKey } from './feedList';

const ROW_HEIGHT = 58;
const HEADER_HEIGHT = 40;

interface Column {
  key: SortKey;
  label: string;
  className: string;
  numeric?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'Customer', className: 'col-customer' },
  { key: 'health', label: 'Health', className: 'col-health' },
  { key: 'newest', label: 'Newest data', className: 'col-newest' },
  { key: 'pages', label: 'Pages this month', className: 'col-pages', numeric: true },
  { key: 'trees', label: 'Trees', className: 'col-trees', numeric: true },
  { key: 'status', label: 'Status', className: 'col-status' },
  { key: 'scope', label: 'Scope', className: 'col-scope' },
];

export interface RowActions {
  togglePause(feed: FeedView): void;
  edit(feed: FeedView): void;
  remove(feed: FeedView): void;
  pending: ReadonlySet<number>;
}

interface FeedsTableProps {
  feeds: FeedView[];
  sort: SortKey;
  dir: SortDir;
  onSort: (key: SortKey) => void;
  focusId: number | null;
  actions: RowActions;
  empty: ReactNode;
}

export function FeedsTable({ feeds, sort, dir, onSort, focusId, actions, empty }: FeedsTableProps) {
  const { dates, count, trees } = useApp();
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual hands back fresh functions each render; nothing here memoises them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: feeds.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  const focusIndex = focusId === null ? -1 : feeds.findIndex((f) => f.id === focusId);
  useEffect(() => {
    if (focusIndex >= 0) virtualizer.scrollToIndex(focusIndex, { align: 'center' });
  }, [focusIndex, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const top = items.length ? items[0]!.start - HEADER_HEIGHT : 0;
  const bottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <div className="table-scroll" ref={scrollRef}>
      <table className="data feeds-table" aria-label="Feeds" aria-rowcount={feeds.length + 1}>
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.key} className={c.className} />
          ))}
          <col className="col-actions" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <SortableHeader key={c.key} column={c} sort={sort} dir={dir} onSort={onSort} />
            ))}
            <th scope="col" className="th-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {feeds.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length + 1} className="table-empty">
                {empty}
              </td>
            </tr>
          ) : null}
          {top > 0 ? (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={COLUMNS.length + 1} style={{ height: `${top}px` }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const f = feeds[item.index]!;
            const paused = f.status === 'paused';
            const busy = actions.pending.has(f.id);
            return (
              <tr key={f.id} aria-rowindex={item.index + 2} className={`${f.id === focusId ? 'is-focused' : ''} ${paused ? 'is-paused' : ''}`} style={{ height: `${ROW_HEIGHT}px` }} data-feed-id={f.id}>
                <td>
                  <div className="cell-main" title={f.name}>
                    {f.name}
                  </div>
                  <div className="cell-sub">{f.email ?? <span className="muted">No contact e-mail</span>}</div>
                </td>
                <td title={f.reason ?? undefined}>
                  <HealthBadge health={f.health} />
                  {f.health === 'unhealthy' ? (
                    <div className="cell-sub cell-reason cell-reason--warn" data-testid="health-reason">
                      {f.reason ?? 'No new data'}
                    </div>
                  ) : (
                    <span className="visually-hidden">{f.reason ?? ''}</span>
                  )}
                </td>
                <td>
                  {f.newestRead ? (
                    <>
                      <div>{dates.date(f.newestRead)}</div>
                      <div className="cell-sub">{dates.time(f.newestRead)}</div>
                    </>
                  ) : (
                    <span className="muted">None yet</span>
                  )}
                </td>
                <td className="num">{count(f.monthPages)}</td>
                <td className="num">{trees(f.monthTrees)}</td>
                <td>{paused ? <Badge tone="neutral" icon="pauseCircle" label="Paused" /> : <Badge tone="ok" icon="activity" label="Active" />}</td>
                <td>
                  <div>{f.scope === 'managed' ? 'Managed only' : 'All devices'}</div>
                  <div className="cell-sub">since {dates.day(f.activationDate)}</div>
                </td>
                <td className="row-actions">
                  <IconButton icon={paused ? 'play' : 'pause'} label={`${paused ? 'Resume' : 'Pause'} ${f.name}`} busy={busy} onClick={() => actions.togglePause(f)} />
                  <IconButton icon="edit" label={`Edit ${f.name}`} onClick={() => actions.edit(f)} />
                  <IconButton icon="trash" label={`Remove ${f.name}`} className="btn--danger-text" onClick={() => actions.remove(f)} />
                </td>
              </tr>
            );
          })}
          {bottom > 0 ? (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={COLUMNS.length + 1} style={{ height: `${bottom}px` }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
