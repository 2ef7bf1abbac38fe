// Form fields with the label above, a hint under it, and the problem in words, tied to the
// input for screen readers (aria-describedby, aria-invalid).
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import type { FieldBinding } from '../hooks/useForm';
import { Icon } from './Icon';

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  children: ReactNode;
  className?: string;
}

export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldFrame({ id, label, hint, error, optional, children, className }: FieldFrameProps) {
  return (
    <div className={`field ${className ?? ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
        {optional ? <span className="field-optional">optional</span> : null}
      </label>
      {children}
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  );
}

type TextFieldProps = {
  label: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  binding: FieldBinding;
  className?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'onBlur' | 'id'>;

export function TextField({ label, hint, optional, binding, className, ...input }: TextFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={binding.error} optional={optional} className={className}>
      <input
        {...input}
        id={id}
        className="input"
        value={binding.value}
        onChange={(e) => binding.onChange(e.target.value)}
        onBlur={binding.onBlur}
        aria-invalid={binding.error ? true : undefined}
        aria-describedby={describedBy(id, hint, binding.error)}
      />
    </FieldFrame>
  );
}

export function TextAreaField({ label, hint, binding, rows = 3, maxLength }: { label: ReactNode; hint?: ReactNode; binding: FieldBinding; rows?: number; maxLength?: number }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={binding.error}>
      <textarea
        id={id}
        className="input textarea"
        rows={rows}
        maxLength={maxLength}
        value={binding.value}
        onChange={(e) => binding.onChange(e.target.value)}
        onBlur={binding.onBlur}
        aria-invalid={binding.error ? true : undefined}
        aria-describedby={describedBy(id, hint, binding.error)}
      />
    </FieldFrame>
  );
}

export function SelectField({ label, hint, value, onChange, options, className }: { label: ReactNode; hint?: ReactNode; value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; className?: string }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} className={className}>
      <select id={id} className="input select" value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy(id, hint, null)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export interface RadioOption<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

export function RadioGroup<V extends string>({ legend, name, value, onChange, options, hint }: { legend: string; name: string; value: V; onChange: (v: V) => void; options: RadioOption<V>[]; hint?: ReactNode }) {
  const id = useId();
  return (
    <fieldset className="field radio-group" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend className="field-label">{legend}</legend>
      <div className="radio-options">
        {options.map((o) => (
          <label key={o.value} className={`radio-card ${value === o.value ? 'is-checked' : ''}`}>
            <input type="radio" name={`${name}-${id}`} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            <span className="radio-text">
              <span className="radio-label">{o.label}</span>
              {o.hint ? <span className="radio-hint">{o.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </fieldset>
  );
}

/** An on/off setting: a checkbox presented as a switch, with its words beside it. */
export function Switch({ label, hint, checked, onChange }: { label: string; hint?: ReactNode; checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  return (
    <div className="switch-field">
      <input id={id} type="checkbox" role="switch" className="switch" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <div>
        <label htmlFor={id} className="switch-label">
          {label}
        </label>
        {hint ? (
          <p className="field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** A field's hint and its error, with the ids its control's aria-describedby points at. */
export function FieldMessages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | null }) {
  return (
    <>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          <Icon name="error" size={14} />
          <span>{error}</span>
        </p>
      ) : null}
    </>
  );
}
