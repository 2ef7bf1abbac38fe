// New feeds have no pages until their first collection: say so, and offer it now.
import { useApp } from '../../app/AppContext';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { useCollect } from '../../hooks/useCollect';
import { CollectionProgressView } from '../dashboard/CollectionCard';

export function UncollectedNotice({ count: waiting, onCollected }: { count: number; onCollected: () => void }) {
  const { count } = useApp();
  const run = useCollect(onCollected);
  if (waiting === 0 && !run.running && !run.finished) return null;
  return (
    <Callout
      tone={waiting > 0 ? 'info' : 'ok'}
      title={waiting > 0 ? `${count(waiting)} feed${waiting === 1 ? ' has' : 's have'} not been collected yet` : 'Every feed has been collected'}
      actions={
        waiting > 0 ? (
          <Button size="small" variant="primary" icon="refresh" onClick={() => void run.collect()} busy={run.running} busyLabel="Collecting…">
            Collect now
          </Button>
        ) : null
      }
    >
      {waiting > 0 ? 'Their pages and history arrive with the next collection, tonight or now.' : null}
      <CollectionProgressView running={run.running} progress={run.progress} finished={run.finished} />
      {run.error ? <span className="callout-error-text">{run.error}</span> : null}
    </Callout>
  );
}
