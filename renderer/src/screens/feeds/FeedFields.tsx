// The fields a new feed needs, shared by "Add feed" and "Add all unmapped customers":
// activation date (a past date syncs history back to it) and sync settings.
import type { Scope } from '../../../../preload/api';
import { RadioGroup } from '../../components/Field';
import { TextField } from '../../components/Field';
import type { FieldBinding } from '../../hooks/useForm';

export const SCOPE_OPTIONS: { value: Scope; label: string; hint: string }[] = [
  { value: 'all', label: 'All devices', hint: 'Every printer Print Tracker sees at the customer' },
  { value: 'managed', label: 'Managed devices only', hint: 'Only the devices you manage under contract' },
];

export function ActivationDateField({ binding, today }: { binding: FieldBinding; today: string }) {
  return (
    <TextField
      label="Activation date"
      type="date"
      binding={binding}
      min="2000-01-01"
      max={today}
      hint="Pages are counted from this day. A date in the past syncs history back to it."
    />
  );
}

export function ScopeField({ value, onChange }: { value: Scope; onChange: (s: Scope) => void }) {
  return <RadioGroup legend="Sync settings" name="scope" value={value} onChange={onChange} options={SCOPE_OPTIONS} />;
}
