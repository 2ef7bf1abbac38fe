// Sorting, filtering and searching the feeds table: pure functions, so the table stays a
// view and 1,000 feeds sort in a blink.
import type { FeedView } from '../../../../preload/api';

export type SortKey = 'name' | 'health' | 'newest' | 'pages' | 'trees' | 'status' | 'scope';
export type SortDir = 'asc' | 'desc';
export type FeedFilter = 'all' | 'attention' | 'healthy' | 'paused';

export const FILTERS: { value: FeedFilter; label: string }[] = [
  { value: 'all', label: 'All feeds' },
  { value: 'attention', label: 'Needs attention' },
  { value: 'healthy', label: 'Healthy' },
  { value: 'paused', label: 'Paused' },
];

export function needsAttention(f: FeedView): boolean {
  return f.status === 'active' && f.health === 'unhealthy';
}

function passes(f: FeedView, filter: FeedFilter): boolean {
  switch (filter) {
    case 'attention':
      return needsAttention(f);
    case 'healthy':
      return f.status === 'active' && f.health === 'healthy';
    case 'paused':
      return f.status === 'paused';
    default:
      return true;
  }
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compare(a: FeedView, b: FeedView, key: SortKey): number {
  switch (key) {
    case 'health':
      return Number(needsAttention(b)) - Number(needsAttention(a)) || Number(a.status === 'paused') - Number(b.status === 'paused');
    case 'newest':
      return (a.newestRead ?? 0) - (b.newestRead ?? 0);
    case 'pages':
      return a.monthPages - b.monthPages;
    case 'trees':
      return a.monthTrees - b.monthTrees;
    case 'status':
      return collator.compare(a.status, b.status);
    case 'scope':
      return collator.compare(a.scope, b.scope);
    case 'name':
      return collator.compare(a.name, b.name);
  }
}

export function visibleFeeds(feeds: FeedView[], o: { search: string; filter: FeedFilter; sort: SortKey; dir: SortDir; serverId: number | null }): FeedView[] {
  const terms = o.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = feeds.filter((f) => {
    if (o.serverId !== null && f.serverId !== o.serverId) return false;
    if (!passes(f, o.filter)) return false;
    if (terms.length === 0) return true;
    const text = `${f.name} ${f.email ?? ''} ${f.entityId} ${f.reason ?? ''}`.toLowerCase();
    return terms.every((t) => text.includes(t));
  });
  const sign = o.dir === 'asc' ? 1 : -1;
  // The name (then the ID) breaks ties, so the order is stable.
  return shown.sort((a, b) => sign * compare(a, b, o.sort) || collator.compare(a.name, b.name) || a.id - b.id);
}

/** Numbers read best largest-first; words A→Z. */
export function defaultDir(key: SortKey): SortDir {
  return key === 'pages' || key === 'trees' || key === 'newest' ? 'desc' : 'asc';
}
