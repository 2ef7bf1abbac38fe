// Status as a badge with an icon AND words, never colour alone.
import type { Health, ServerHealth } from '../../../preload/api';
import { Icon, type IconName } from './Icon';

export type Tone = 'ok' | 'warn' | 'error' | 'neutral' | 'info';

const TONE_ICON: Record<Tone, IconName> = { ok: 'checkCircle', warn: 'warning', error: 'error', neutral: 'info', info: 'info' };

export function Badge({ tone, label, icon }: { tone: Tone; label: string; icon?: IconName }) {
  return (
    <span className={`badge badge--${tone}`}>
      <Icon name={icon ?? TONE_ICON[tone]} size={13} />
      {label}
    </span>
  );
}

export function HealthBadge({ health, paused = false }: { health: Health | ServerHealth; paused?: boolean }) {
  if (paused) return <Badge tone="neutral" icon="pauseCircle" label="Paused" />;
  if (health === 'healthy') return <Badge tone="ok" label="Healthy" />;
  if (health === 'unhealthy') return <Badge tone="warn" label="Needs attention" />;
  return <Badge tone="neutral" icon="unknown" label="Not checked yet" />;
}

export function ServerHealthBadge({ health }: { health: ServerHealth }) {
  if (health === 'healthy') return <Badge tone="ok" label="Connected" />;
  if (health === 'unhealthy') return <Badge tone="error" label="Cannot connect" />;
  return <Badge tone="neutral" icon="unknown" label="Not checked yet" />;
}
