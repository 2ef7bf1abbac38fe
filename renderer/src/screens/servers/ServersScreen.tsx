// The registered Print Tracker servers: health with its reason, a check on demand, the
// key replaced (never shown), removal; and registering another one.
import { useState } from 'react';
import { api } from '../../api/bridge';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Dialog } from '../../components/Dialog';
import { EmptyState, Loading } from '../../components/EmptyState';
import { useNotify } from '../../components/Notices';
import { PageHeader } from '../../components/PageHeader';
import { errorText } from '../../format/errors';
import { useApiData } from '../../hooks/useApiData';
import { ServerCard } from './ServerCard';
import { ServerForm } from './ServerForm';

export function ServersScreen({ focusId }: { focusId: number | null }) {
  const servers = useApiData(() => api.listServers(), ['servers', 'health']);
  const [adding, setAdding] = useState(false);
  const notify = useNotify();
  const list = servers.data ?? [];

  return (
    <div className="page">
      <PageHeader
        title="Servers"
        subtitle="The Print Tracker servers that page counts are collected from."
        actions={
          list.length > 0 ? (
            <Button variant="primary" icon="plus" onClick={() => setAdding(true)}>
              Add server
            </Button>
          ) : null
        }
      />
      {servers.error ? (
        <Callout tone="error" title="The servers could not be loaded">
          {errorText(servers.error)}
        </Callout>
      ) : null}
      {servers.loading ? (
        <Loading label="Loading servers…" />
      ) : list.length === 0 ? (
        <div className="card">
          <EmptyState
            icon="servers"
            title="No server registered yet"
            action={
              <Button variant="primary" icon="plus" onClick={() => setAdding(true)}>
                Register a server
              </Button>
            }
          >
            Register your Print Tracker server to start collecting. You need its URL, your parent Entity ID and an API key.
          </EmptyState>
        </div>
      ) : (
        <div className="server-list">
          {list.map((s) => (
            <ServerCard key={s.id} server={s} focused={s.id === focusId} onChanged={servers.reload} />
          ))}
        </div>
      )}
      {adding ? (
        <Dialog title="Register a Print Tracker server" description="The connection is tested before anything is saved." onClose={() => setAdding(false)} width="wide">
          <ServerForm
            onCancel={() => setAdding(false)}
            onSaved={(server) => {
              setAdding(false);
              servers.reload();
              notify(`${server.name} registered`);
            }}
          />
        </Dialog>
      ) : null}
    </div>
  );
}
