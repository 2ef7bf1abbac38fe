// Progress for people goes to stderr, so stdout carries only the results (or the JSON).
import type { Engine } from '../main/engine/engine';

/** A line on stderr, stamped with seconds since the process started (to line up with a --cpu-prof profile). */
export function progress(message: string): void {
  process.stderr.write(`[${(performance.now() / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
}

/** Logs a collection's feed count every few seconds while it runs; returns the unsubscribe. */
export function followCollection(engine: Engine, label: string, everyMs = 10_000): () => void {
  const started = Date.now();
  let lastAt = started;
  const onProgress = (p: { feedsDone: number; feedsTotal: number }) => {
    const now = Date.now();
    if (now - lastAt < everyMs) return;
    lastAt = now;
    progress(`  ${label}: ${p.feedsDone}/${p.feedsTotal} feeds, ${((now - started) / 1000).toFixed(0)} s`);
  };
  engine.events.on('run-progress', onProgress);
  return () => engine.events.off('run-progress', onProgress);
}
