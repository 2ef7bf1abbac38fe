// One server: its health and why, when it was last checked, and what can be done about it.
import { useEffect, useRef, useState } from 'react';
import type { ServerView } from '../../../../preload/api';
import { api } from '../../api/bridge';
import { useApp } from '../../app/AppContext';
import { ServerHealthBadge, Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { ConfirmDialog } from '../../components/Dialog';
import { useNotify } from '../../components/Notices';
import { errorText } from '../../format/errors';
import { useNow } from '../../hooks/useNow';
import { ReplaceKeyDialog } from './ReplaceKeyDialog';

export function ServerCard({ server, focused, onChanged }: { server: ServerView; focused: boolean; onChanged: () => void }) {
  const { dates, count } = useApp();
  const now = useNow();
  const notify = useNotify();
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'key' | 'remove' | null>(null);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'center' });
  }, [focused]);

  const check = async () => {
    setChecking(true);
    setError(null);
    try {
      const s = await api.checkServer({ serverId: server.id });
      notify(s.health === 'healthy' ? `${s.name}: connected` : `${s.name}: ${s.reason ?? 'cannot connect'}`);
      onChanged();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setChecking(false);
    }
  };

  const remove = async () => {
    setRemoving(true);
    setRemoveError(null);
    try {
      await api.removeServer({ serverId: server.id });
      setDialog(null);
      notify(`${server.name} removed`);
      onChanged();
    } catch (err) {
      setRemoveError(errorText(err));
    } finally {
      setRemoving(false);
    }
  };

  const unhealthy = server.health === 'unhealthy';
  return (
    <section ref={ref} className={`card server-card ${focused ? 'is-focused' : ''}`} aria-labelledby={`server-${server.id}-name`}>
      <div className="server-head">
        <div>
          <h2 className="server-name" id={`server-${server.id}-name`}>
            {server.name}
          </h2>
          <p className="server-url">{server.url}</p>
        </div>
        <ServerHealthBadge health={server.health} />
      </div>

      {unhealthy ? (
        <Callout tone="error" title={server.reason ?? 'The server cannot be reached'}>
          Collection is paused for its {count(server.feeds)} customer{server.feeds === 1 ? '' : 's'}. No pages are lost: they will be collected once the connection works again.
          {/API key|401|403/i.test(server.reason ?? '') ? ' Replace the API key if it was changed or revoked in Print Tracker.' : ' Check the server address and this computer’s network, then check again.'}
        </Callout>
      ) : null}

      <dl className="facts">
        <div>
          <dt>Parent entity</dt>
          <dd>
            {server.entityName ?? 'Unknown'}
            <span className="mono muted">{server.entityId}</span>
          </dd>
        </div>
        <div>
          <dt>Feeds</dt>
          <dd className="num-inline">{count(server.feeds)}</dd>
        </div>
        <div>
          <dt>Health</dt>
          <dd>
            {server.reason ?? 'Not checked yet'}
            {server.changedAt ? <span className="muted"> · since {dates.dateTime(server.changedAt)}</span> : null}
          </dd>
        </div>
        <div>
          <dt>Last checked</dt>
          <dd title={server.checkedAt ? dates.dateTime(server.checkedAt) : undefined}>{server.checkedAt ? dates.relative(server.checkedAt, now) : 'Never'}</dd>
        </div>
        <div>
          <dt>API key</dt>
          <dd>{server.hasApiKey ? <Badge tone="neutral" icon="key" label="Stored, encrypted" /> : <Badge tone="error" icon="key" label="Missing: replace it" />}</dd>
        </div>
      </dl>

      {error ? (
        <Callout tone="error" live title="The check could not run">
          {error}
        </Callout>
      ) : null}

      <div className="card-actions">
        <Button icon="refresh" onClick={() => void check()} busy={checking} busyLabel="Checking…">
          Check now
        </Button>
        <Button icon="key" onClick={() => setDialog('key')} variant={server.hasApiKey && !unhealthy ? 'secondary' : 'primary'}>
          Replace API key
        </Button>
        <span className="spacer" />
        <Button variant="ghost" icon="trash" className="btn--danger-text" onClick={() => setDialog('remove')}>
          Remove
        </Button>
      </div>

      {dialog === 'key' ? (
        <ReplaceKeyDialog
          server={server}
          onClose={() => setDialog(null)}
          onReplaced={() => {
            setDialog(null);
            notify(`API key replaced for ${server.name}`);
            onChanged();
          }}
        />
      ) : null}
      {dialog === 'remove' ? (
        <ConfirmDialog
          title={`Remove ${server.name}?`}
          confirmLabel="Remove server and feeds"
          busyLabel="Removing…"
          busy={removing}
          onClose={() => setDialog(null)}
          onConfirm={() => void remove()}
          error={
            removeError ? (
              <Callout tone="error" live>
                {removeError}
              </Callout>
            ) : null
          }
        >
          <p>
            Its {count(server.feeds)} feed{server.feeds === 1 ? '' : 's'} are removed with it, with their page history, and its API key is deleted from this computer. Certificates already issued are kept.
          </p>
          <p>This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
