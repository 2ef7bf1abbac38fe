// A modal dialog on the native <dialog> element: the browser traps focus, Escape closes it,
// and the page behind is inert. Focus returns to what opened it.
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { Button, IconButton } from './Button';
import type { IconName } from './Icon';

interface DialogProps {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** Wraps the body in a form; Enter submits. */
  onSubmit?: () => void;
  width?: 'normal' | 'wide';
  /** While an action runs, Escape and the close button wait for it. */
  busy?: boolean;
}

export function Dialog({ title, description, onClose, children, footer, onSubmit, width = 'normal', busy = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const closeRef = useRef(onClose);
  const busyRef = useRef(busy);
  useEffect(() => {
    closeRef.current = onClose;
    busyRef.current = busy;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      if (!busyRef.current) closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit?.();
  };

  const body = (
    <>
      <div className="dialog-head">
        <div>
          <h2 className="dialog-title" id={titleId}>
            {title}
          </h2>
          {description ? (
            <p className="dialog-desc" id={descId}>
              {description}
            </p>
          ) : null}
        </div>
        <IconButton icon="close" label="Close" onClick={onClose} disabled={busy} />
      </div>
      <div className="dialog-body">{children}</div>
      {footer ? <div className="dialog-foot">{footer}</div> : null}
    </>
  );

  return (
    <dialog ref={ref} className={`dialog dialog--${width}`} aria-labelledby={titleId} aria-describedby={description ? descId : undefined}>
      {onSubmit ? (
        <form onSubmit={submit} noValidate>
          {body}
        </form>
      ) : (
        body
      )}
    </dialog>
  );
}

/** "Are you sure?" for what cannot be undone, with the consequence in words. */
export function ConfirmDialog({ title, children, confirmLabel, busyLabel, onConfirm, onClose, busy, error }: { title: string; children: ReactNode; confirmLabel: string; busyLabel: string; onConfirm: () => void; onClose: () => void; busy: boolean; error?: ReactNode }) {
  return (
    <Dialog
      title={title}
      onClose={onClose}
      busy={busy}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button variant="danger" icon="trash" busy={busy} busyLabel={busyLabel} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="confirm-text">{children}</div>
      {error}
    </Dialog>
  );
}

/** The usual footer of a form dialog: Cancel, and the primary button that says what it does. */
export function DialogActions({ onCancel, busy, icon, busyLabel, disabled = false, children }: { onCancel: () => void; busy: boolean; icon: IconName; busyLabel: string; disabled?: boolean; children: ReactNode }) {
  return (
    <>
      <Button onClick={onCancel} disabled={busy}>
        Cancel
      </Button>
      <Button type="submit" variant="primary" icon={icon} busy={busy} busyLabel={busyLabel} disabled={disabled}>
        {children}
      </Button>
    </>
  );
}
