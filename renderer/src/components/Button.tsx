// Buttons say what they do; a button that waits shows it is busy (spinner, busy words,
// aria-busy) and cannot be pressed twice.
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  variant?: Variant;
  size?: 'normal' | 'small';
  icon?: IconName;
  busy?: boolean;
  /** What the button says while busy ("Testing…"). */
  busyLabel?: string;
  children: ReactNode;
}

export function Spinner({ size = 14 }: { size?: number }) {
  return (
    <svg className="spinner" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
      <path d="M21 12a9 9 0 0 0-9-9" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

export function Button({ variant = 'secondary', size = 'normal', icon, busy = false, busyLabel, children, className, disabled, type = 'button', ...rest }: ButtonProps) {
  const classes = ['btn', `btn--${variant}`, size === 'small' ? 'btn--small' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button {...rest} type={type} className={classes} disabled={disabled || busy} aria-busy={busy || undefined}>
      {busy ? <Spinner /> : icon ? <Icon name={icon} size={size === 'small' ? 14 : 16} /> : null}
      <span>{busy && busyLabel ? busyLabel : children}</span>
    </button>
  );
}

/** A square button with only an icon: the label is for assistive technology and the tooltip. */
export function IconButton({ icon, label, busy = false, className, disabled, ...rest }: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> & { icon: IconName; label: string; busy?: boolean }) {
  return (
    <button {...rest} type="button" className={`btn btn--ghost btn--icon ${className ?? ''}`} aria-label={label} title={label} disabled={disabled || busy} aria-busy={busy || undefined}>
      {busy ? <Spinner /> : <Icon name={icon} size={16} />}
    </button>
  );
}
