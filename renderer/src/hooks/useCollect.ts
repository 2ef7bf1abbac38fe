// "Collect now", wherever it is offered: starts a collection (or joins the one running),
// shows it as running at once, and keeps the finished run or the error for the caller.
import { useState } from 'react';
import type { RunView } from '../../../preload/api';
import { api } from '../api/bridge';
import { errorText } from '../format/errors';
import { useProgress } from './live';

export function useCollect(onDone?: () => void) {
  const { progress, expectRun, settleRun } = useProgress();
  const [finished, setFinished] = useState<RunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const collect = async () => {
    setError(null);
    setFinished(null);
    setStarting(true);
    expectRun();
    try {
      setFinished(await api.collectNow());
    } catch (err) {
      setError(errorText(err));
    } finally {
      settleRun();
      setStarting(false);
      onDone?.();
    }
  };

  return { collect, progress, running: starting || progress !== null, finished, error };
}
