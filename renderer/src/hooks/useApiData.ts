// Loads what a screen shows and reloads it when the engine says it changed. The last good
// data stays on screen while a reload runs (no flicker); a different `key` starts afresh.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTopics, type Topic } from './live';

export interface ApiData<T> {
  data: T | undefined;
  error: unknown;
  /** True until the first answer for this key arrives. */
  loading: boolean;
  reload(): void;
  /** Shows data an action already returned, without waiting for a reload. */
  mutate(data: T): void;
}

interface LoadState<T> {
  key: string;
  data: T | undefined;
  error: unknown;
}

export function useApiData<T>(load: () => Promise<T>, topics: readonly Topic[], key = ''): ApiData<T> {
  const [state, setState] = useState<LoadState<T> | null>(null);
  const [version, setVersion] = useState(0);
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });

  useEffect(() => {
    let current = true;
    loader.current().then(
      (data) => current && setState({ key, data, error: undefined }),
      (error: unknown) => current && setState((s) => ({ key, data: s?.key === key ? s.data : undefined, error })),
    );
    return () => {
      current = false;
    };
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useTopics(topics, reload);

  const mutate = useCallback((data: T) => setState({ key, data, error: undefined }), [key]);
  const mine = state?.key === key ? state : null;
  return { data: mine?.data, error: mine?.error, loading: mine === null, reload, mutate };
}
