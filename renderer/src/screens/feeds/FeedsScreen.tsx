// The customers being collected: a searchable, sortable, filterable table; adding one or
// all; pausing, editing and removing.
import { useMemo, useState } from 'react';
import type { FeedView } from '../../../../preload/api';
import { api } from '../../api/bridge';
import { useApp } from '../../app/AppContext';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { ConfirmDialog } from '../../components/Dialog';
import { EmptyState, Loading } from '../../components/EmptyState';
import { useNotify } from '../../components/Notices';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { errorText } from '../../format/errors';
import { useApiData } from '../../hooks/useApiData';
import { AddAllDialog } from './AddAllDialog';
import { AddFeedDialog } from './AddFeedDialog';
import { EditFeedDialog } from './EditFeedDialog';
import { FeedsTable, type RowActions } from './FeedsTable';
import { UncollectedNotice } from './UncollectedNotice';
import { defaultDir, FILTERS, needsAttention, visibleFeeds, type FeedFilter, type SortDir, type SortKey } from './feedList';

type DialogState = { kind: 'add' } | { kind: 'add-all' } | { kind: 'edit'; feed: FeedView } | { kind: 'remove'; feed: FeedView } | null;

export function FeedsScreen({ focusId }: { focusId: number | null }) {
  const { count, navigate, dates } = useApp();
  const notify = useNotify();
  const feeds = useApiData(() => api.listFeeds(), ['feeds', 'health', 'runs']);
  const servers = useApiData(() => api.listServers(), ['servers']);
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<FeedFilter>('all');
  const [serverId, setServerId] = useState<number | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir }>({ key: 'name', dir: 'asc' });
  const [dialog, setDialog] = useState<DialogState>(null);
  const [pending, setPending] = useState<ReadonlySet<number>>(new Set());
  const [actionError, setActionError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);

  const all = useMemo(() => feeds.data ?? [], [feeds.data]);
  const shown = useMemo(() => visibleFeeds(all, { search, filter, sort: sort.key, dir: sort.dir, serverId }), [all, search, filter, sort, serverId]);
  const serverList = servers.data ?? [];
  const attention = all.filter(needsAttention).length;
  const paused = all.filter((f) => f.status === 'paused').length;
  const uncollected = all.filter((f) => f.status === 'active' && f.lastCollectedAt === null).length;

  const onSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: defaultDir(key) }));

  const withPending = async (feed: FeedView, work: () => Promise<unknown>) => {
    setPending((p) => new Set(p).add(feed.id));
    setActionError(null);
    try {
      await work();
      feeds.reload();
    } catch (err) {
      setActionError(`${feed.name}: ${errorText(err)}`);
    } finally {
      setPending((p) => {
        const next = new Set(p);
        next.delete(feed.id);
        return next;
      });
    }
  };

  const actions: RowActions = {
    pending,
    togglePause: (feed) =>
      void withPending(feed, async () => {
        if (feed.status === 'paused') {
          await api.resumeFeed({ feedId: feed.id });
          notify(`${feed.name} resumed: it is collected again`);
        } else {
          await api.pauseFeed({ feedId: feed.id });
          notify(`${feed.name} paused`);
        }
      }),
    edit: (feed) => setDialog({ kind: 'edit', feed }),
    remove: (feed) => setDialog({ kind: 'remove', feed }),
  };

  const remove = async (feed: FeedView) => {
    setRemoving(true);
    setActionError(null);
    try {
      await api.removeFeed({ feedId: feed.id });
      notify(`${feed.name} removed`);
      setDialog(null);
      feeds.reload();
    } catch (err) {
      setActionError(`${feed.name}: ${errorText(err)}`);
      setDialog(null);
    } finally {
      setRemoving(false);
    }
  };

  const filtered = search.trim() !== '' || filter !== 'all' || serverId !== null;
  const noServer = !servers.loading && serverList.length === 0;

  return (
    <div className="page page--fill">
      <PageHeader
        title="Feeds"
        subtitle={
          all.length > 0 ? (
            <>
              {count(all.length)} customer{all.length === 1 ? '' : 's'} collected
              {attention > 0 ? ` · ${count(attention)} need${attention === 1 ? 's' : ''} attention` : ''}
              {paused > 0 ? ` · ${count(paused)} paused` : ''}
            </>
          ) : (
            'The customers whose pages are collected.'
          )
        }
        actions={
          noServer || servers.loading ? null : (
            <>
              <Button icon="plus" onClick={() => setDialog({ kind: 'add-all' })}>
                Add all unmapped
              </Button>
              <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'add' })}>
                Add feed
              </Button>
            </>
          )
        }
      />

      {feeds.error ? (
        <Callout tone="error" title="The feeds could not be loaded">
          {errorText(feeds.error)}
        </Callout>
      ) : null}
      {actionError ? (
        <Callout tone="error" live title="That did not work" actions={<Button size="small" onClick={() => setActionError(null)}>Dismiss</Button>}>
          {actionError}
        </Callout>
      ) : null}

      {all.length > 0 ? <UncollectedNotice count={uncollected} onCollected={feeds.reload} /> : null}

      {feeds.loading || servers.loading ? (
        <Loading label="Loading feeds…" />
      ) : noServer ? (
        <div className="card">
          <EmptyState icon="servers" title="Register a server first" action={<Button variant="primary" onClick={() => navigate('servers')}>Go to Servers</Button>}>
            Feeds are the customers of a Print Tracker server. Register your server, then choose which customers to collect.
          </EmptyState>
        </div>
      ) : all.length === 0 ? (
        <div className="card">
          <EmptyState
            icon="feeds"
            title="No feeds yet"
            action={
              <>
                <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'add' })}>
                  Add feed
                </Button>
                <Button icon="plus" onClick={() => setDialog({ kind: 'add-all' })}>
                  Add all unmapped customers
                </Button>
              </>
            }
          >
            Add the customers whose pages you want to collect: one at a time, or all of them in one step.
          </EmptyState>
        </div>
      ) : (
        <div className="table-panel">
          <div className="toolbar" role="search">
            <SearchBox value={search} onChange={setSearch} label="Search feeds" placeholder="Search by customer, e-mail or entity ID" />
            <div className="segmented" role="group" aria-label="Show">
              {FILTERS.map((f) => (
                <button key={f.value} type="button" className={`segment ${filter === f.value ? 'is-on' : ''}`} aria-pressed={filter === f.value} onClick={() => setFilter(f.value)}>
                  {f.label}
                  {f.value === 'attention' && attention > 0 ? <span className="segment-count">{count(attention)}</span> : null}
                </button>
              ))}
            </div>
            {serverList.length > 1 ? (
              <select className="input select toolbar-select" aria-label="Server" value={serverId ?? ''} onChange={(e) => setServerId(e.target.value ? Number(e.target.value) : null)}>
                <option value="">All servers</option>
                {serverList.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            ) : null}
            <span className="toolbar-count" aria-live="polite">
              {filtered ? `${count(shown.length)} of ${count(all.length)} shown` : `${count(all.length)} feeds`}
            </span>
          </div>
          <FeedsTable
            feeds={shown}
            sort={sort.key}
            dir={sort.dir}
            onSort={onSort}
            focusId={focusId}
            actions={actions}
            empty={
              <div className="table-empty-inner">
                <span>No feeds match{search.trim() ? ` “${search.trim()}”` : ' this filter'}.</span>
                <Button
                  size="small"
                  onClick={() => {
                    setSearch('');
                    setFilter('all');
                    setServerId(null);
                  }}
                >
                  Show all feeds
                </Button>
              </div>
            }
          />
        </div>
      )}

      {dialog?.kind === 'add' ? (
        <AddFeedDialog
          servers={serverList}
          onClose={() => setDialog(null)}
          onAdded={(feed) => {
            setDialog(null);
            feeds.reload();
            notify(`${feed.name} added: pages are counted from ${dates.day(feed.activationDate)}`);
          }}
        />
      ) : null}
      {dialog?.kind === 'add-all' ? (
        <AddAllDialog
          servers={serverList}
          onClose={() => setDialog(null)}
          onAdded={(added) => {
            setDialog(null);
            feeds.reload();
            notify(`${count(added.length)} feed${added.length === 1 ? '' : 's'} added`);
          }}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <EditFeedDialog
          feed={dialog.feed}
          onClose={() => setDialog(null)}
          onSaved={(feed) => {
            setDialog(null);
            feeds.reload();
            notify(`${feed.name} saved`);
          }}
        />
      ) : null}
      {dialog?.kind === 'remove' ? (
        <ConfirmDialog title={`Remove ${dialog.feed.name}?`} confirmLabel="Remove feed" busyLabel="Removing…" busy={removing} onClose={() => setDialog(null)} onConfirm={() => void remove(dialog.feed)}>
          <p>Its pages are no longer collected and its page history is deleted from this computer. Certificates already issued are kept.</p>
          <p>To stop collecting for a while instead, pause it.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
