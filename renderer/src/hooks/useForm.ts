// Form state with the guide's validation rhythm: checked as you type, an error shown once
// the field has been left (blur) or the form submitted, and cleared as soon as it is fixed.
// The engine's own verdict (ApiError with a field) is shown on that field until it changes.
import { useCallback, useMemo, useState } from 'react';
import type { Rule } from '../validation/rules';

export interface FieldBinding {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  onBlur: () => void;
}

export interface Form<K extends string> {
  values: Record<K, string>;
  field(name: K): FieldBinding;
  set(name: K, value: string): void;
  /** Marks every field as touched; true when no rule complains. */
  validate(): boolean;
  /** The engine named this field as the problem. */
  setServerError(name: K, message: string): void;
  reset(values?: Partial<Record<K, string>>): void;
  problems: Partial<Record<K, string>>;
  valid: boolean;
}

export function useForm<K extends string>(initial: Record<K, string>, rules: Partial<Record<K, Rule>>): Form<K> {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<K, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<K, string>>>({});

  const problems = useMemo(() => {
    const out: Partial<Record<K, string>> = {};
    for (const name of Object.keys(rules) as K[]) {
      const problem = rules[name]?.(values[name] ?? '');
      if (problem) out[name] = problem;
    }
    return out;
  }, [rules, values]);

  const set = useCallback((name: K, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setServerErrors((e) => (e[name] ? { ...e, [name]: undefined } : e));
  }, []);

  const field = (name: K): FieldBinding => ({
    value: values[name],
    error: (touched[name] || submitted ? problems[name] : undefined) ?? serverErrors[name],
    onChange: (value) => set(name, value),
    onBlur: () => setTouched((t) => (t[name] ? t : { ...t, [name]: true })),
  });

  return {
    values,
    field,
    set,
    problems,
    valid: Object.keys(problems).length === 0,
    validate: () => {
      setSubmitted(true);
      return Object.keys(problems).length === 0;
    },
    setServerError: (name, message) => setServerErrors((e) => ({ ...e, [name]: message })),
    reset: (next) => {
      setValues((v) => ({ ...v, ...next }));
      setTouched({});
      setSubmitted(false);
      setServerErrors({});
    },
  };
}
