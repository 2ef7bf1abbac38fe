// When the nightly collection runs and how many customers it collects at once.
import type { SettingsView } from '../../../../preload/api';
import { Switch, TextField } from '../../components/Field';
import { useForm } from '../../hooks/useForm';
import { integerRule, scheduleTimeRule } from '../../validation/rules';
import { SaveBar, Section, useSave } from './SettingsSection';

const RULES = { scheduleTime: scheduleTimeRule, concurrency: integerRule(1, 32, 'The number of feeds collected at once') };

export function ScheduleSection({ settings, onSaved }: { settings: SettingsView; onSaved: (s: SettingsView) => void }) {
  const form = useForm({ scheduleTime: settings.scheduleTime, concurrency: String(settings.concurrency), enabled: settings.scheduleEnabled ? 'on' : 'off' }, RULES);
  const { busy, error, save } = useSave(onSaved, 'Schedule');
  const enabled = form.values.enabled === 'on';
  const dirty = form.values.scheduleTime !== settings.scheduleTime || Number(form.values.concurrency) !== settings.concurrency || enabled !== settings.scheduleEnabled;
  return (
    <Section id="settings-schedule" title="Schedule" description="Page counts are collected once a night. A collection missed while the computer slept runs when it wakes.">
      <Switch label="Collect every night" checked={enabled} onChange={(v) => form.set('enabled', v ? 'on' : 'off')} hint={enabled ? 'On: collections run at the time below.' : 'Off: collect by hand from the dashboard.'} />
      <div className="form-row">
        <TextField label="Time" type="time" binding={form.field('scheduleTime')} hint="In the time zone set under Calendar." disabled={!enabled} />
        <TextField label="Feeds collected at once" type="number" inputMode="numeric" min={1} max={32} binding={form.field('concurrency')} hint="1 to 32. Lower it if your server asks for fewer requests." />
      </div>
      <SaveBar
        label="Save schedule"
        busy={busy}
        dirty={dirty}
        error={error}
        onSave={() => {
          if (form.validate()) void save({ scheduleEnabled: enabled, scheduleTime: form.values.scheduleTime, concurrency: Number(form.values.concurrency) });
        }}
      />
    </Section>
  );
}
