// One subscription to the engine's live events for the whole app: screens ask to be
// refreshed on the topics they show, and the collection in progress is kept here so the
// dashboard, the navigation and the tray-like status line agree.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiEvent, CollectionProgress } from '../../../preload/api';
import { api } from '../api/bridge';

/** What a screen may need to reload. */
export type Topic = 'servers' | 'feeds' | 'settings' | 'certificates' | 'runs' | 'health';

type TopicListener = (topics: ReadonlySet<Topic>) => void;

interface LiveContextValue {
  progress: CollectionProgress | null;
  subscribe(listener: TopicListener): () => void;
  /** A collection started from this window, before its first event arrives. */
  expectRun(): void;
  /** The collection this window started has ended (in case its last event was missed). */
  settleRun(): void;
}

const LiveContext = createContext<LiveContextValue | null>(null);

function topicsOf(event: ApiEvent): Topic[] {
  switch (event.type) {
    case 'data-changed':
      return event.what === 'servers' ? ['servers', 'feeds'] : [event.what];
    case 'health-changed':
      return ['health', event.subject === 'server' ? 'servers' : 'feeds'];
    case 'run-finished':
      return ['runs', 'feeds', 'health'];
    case 'run-started':
      return ['runs'];
    default:
      return [];
  }
}

export function LiveProvider({ children }: { children: ReactNode }) {
  const [progress, setProgress] = useState<CollectionProgress | null>(null);
  const listeners = useRef(new Set<TopicListener>());
  const pending = useRef(new Set<Topic>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [value] = useState<LiveContextValue>(() => ({
    progress: null,
    subscribe(listener) {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
    expectRun() {
      setProgress((p) => p ?? { runId: 0, feedsDone: 0, feedsTotal: 0, current: null });
    },
    settleRun() {
      setProgress(null);
    },
  }));

  useEffect(() => {
    // Bursts of events (a collection changes every feed) become one refresh.
    const flush = () => {
      timer.current = null;
      const topics = new Set(pending.current);
      pending.current.clear();
      for (const l of listeners.current) l(topics);
    };
    return api.onEvent((event) => {
      if (event.type === 'run-started') setProgress({ runId: event.runId, feedsDone: 0, feedsTotal: event.feedsTotal, current: null });
      else if (event.type === 'run-progress') setProgress(event.progress);
      else if (event.type === 'run-finished') setProgress(null);
      const topics = topicsOf(event);
      if (topics.length === 0) return;
      for (const t of topics) pending.current.add(t);
      timer.current ??= setTimeout(flush, 120);
    });
  }, []);

  return <LiveContext.Provider value={{ ...value, progress }}>{children}</LiveContext.Provider>;
}

function useLive(): LiveContextValue {
  const ctx = useContext(LiveContext);
  if (!ctx) throw new Error('useLive outside LiveProvider');
  return ctx;
}

/** The collection running now (from live events), or null. */
export function useProgress(): Pick<LiveContextValue, 'progress' | 'expectRun' | 'settleRun'> {
  const { progress, expectRun, settleRun } = useLive();
  return { progress, expectRun, settleRun };
}

/** Calls `onChange` when any of the topics changed in the engine. */
export function useTopics(topics: readonly Topic[], onChange: () => void): void {
  const { subscribe } = useLive();
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  });
  const key = topics.join(',');
  useEffect(() => {
    const wanted = new Set(key.split(',') as Topic[]);
    return subscribe((changed) => {
      for (const t of changed) {
        if (wanted.has(t)) {
          callback.current();
          return;
        }
      }
    });
  }, [key, subscribe]);
}
