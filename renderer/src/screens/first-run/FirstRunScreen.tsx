// Until a server exists: register the dealer's Print Tracker server, or look around with
// the embedded demo (a simulated dealer on this computer).
import { useState } from 'react';
import { api } from '../../api/bridge';
import { useApp } from '../../app/AppContext';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Icon } from '../../components/Icon';
import { useNotify } from '../../components/Notices';
import { errorText } from '../../format/errors';
import { ServerForm } from '../servers/ServerForm';

export function FirstRunScreen() {
  const { navigate } = useApp();
  const notify = useNotify();
  const [demoBusy, setDemoBusy] = useState(false);
  const [demoError, setDemoError] = useState<string | null>(null);

  const startDemo = async () => {
    setDemoBusy(true);
    setDemoError(null);
    try {
      await api.startDemo();
      notify('Demo started: a simulated dealer with its customers is being collected');
      navigate('dashboard');
    } catch (err) {
      setDemoError(errorText(err));
    } finally {
      setDemoBusy(false);
    }
  };

  return (
    <div className="page first-run">
      <header className="welcome">
        <span className="welcome-mark">
          <Icon name="leaf" size={28} />
        </span>
        <h1 className="welcome-title" tabIndex={-1}>
          Welcome to PrintReleaf Tray
        </h1>
        <p className="welcome-text">Every night it collects your customers’ page counts from Print Tracker, keeps a daily page ledger, and turns each month into a Certificate of Reforestation.</p>
      </header>

      <div className="welcome-grid">
        <section className="card welcome-card" aria-labelledby="register-title">
          <div className="step-head">
            <span className="step-icon" aria-hidden="true">
              <Icon name="servers" size={18} />
            </span>
            <div>
              <h2 className="section-title" id="register-title">
                Register your Print Tracker server
              </h2>
              <p className="section-text">The connection is tested before anything is saved. Next you choose which customers to collect.</p>
            </div>
          </div>
          <ServerForm
            onSaved={(server) => {
              notify(`${server.name} registered. Now add the customers to collect.`);
              navigate('feeds');
            }}
          />
        </section>

        <aside className="card welcome-side" aria-labelledby="demo-title">
          <h2 className="section-title" id="demo-title">
            Just looking?
          </h2>
          <p className="section-text">Explore with demo data: a simulated dealer with 14 customers runs on this computer, so every screen has something to show. Nothing is sent anywhere.</p>
          <Button icon="play" onClick={() => void startDemo()} busy={demoBusy} busyLabel="Starting the demo…">
            Explore with demo data
          </Button>
          {demoError ? (
            <Callout tone="error" live title="The demo could not start">
              {demoError}
            </Callout>
          ) : null}
          <hr className="divider" />
          <h3 className="side-title">What you need</h3>
          <ul className="checklist">
            <li>
              <Icon name="check" size={14} />
              Your Print Tracker API address
            </li>
            <li>
              <Icon name="check" size={14} />
              Your dealer (parent) Entity ID
            </li>
            <li>
              <Icon name="check" size={14} />
              An API key for that entity
            </li>
          </ul>
        </aside>
      </div>
    </div>
  );
}
