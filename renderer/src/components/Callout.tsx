// A message in the flow of the page: what happened, what it means, what to do.
import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

type Tone = 'info' | 'ok' | 'warn' | 'error';

const ICONS: Record<Tone, IconName> = { info: 'info', ok: 'checkCircle', warn: 'warning', error: 'error' };

export function Callout({ tone, title, children, actions, live = false }: { tone: Tone; title?: ReactNode; children?: ReactNode; actions?: ReactNode; live?: boolean }) {
  // Errors interrupt (alert); results are announced politely (status).
  const role = live ? (tone === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={`callout callout--${tone}`} role={role}>
      <Icon name={ICONS[tone]} size={18} className="callout-icon" />
      <div className="callout-body">
        {title ? <div className="callout-title">{title}</div> : null}
        {children ? <div className="callout-text">{children}</div> : null}
        {actions ? <div className="callout-actions">{actions}</div> : null}
      </div>
    </div>
  );
}
