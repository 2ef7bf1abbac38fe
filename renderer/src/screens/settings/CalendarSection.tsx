// The dealer's calendar: time zone (days and months start there), holidays (not counted as
// business days when judging a feed's health), the grace before a month can be certified,
// and how numbers and dates are written.
import { useMemo, useState } from 'react';
import type { SettingsView } from '../../../../preload/api';
import { useApp } from '../../app/AppContext';
import { Button, IconButton } from '../../components/Button';
import { Combobox, type ComboOption } from '../../components/Combobox';
import { SelectField, TextField } from '../../components/Field';
import { useForm } from '../../hooks/useForm';
import { integerRule, isoDateRule } from '../../validation/rules';
import { SaveBar, Section, useSave } from './SettingsSection';
import { localeOptions, timeZoneOptions } from './zones';

const RULES = { graceDays: integerRule(0, 28, 'The grace period') };
const HOLIDAY_RULES = { holiday: (v: string) => (v ? isoDateRule(v) : 'Choose a date') };

export function CalendarSection({ settings, onSaved }: { settings: SettingsView; onSaved: (s: SettingsView) => void }) {
  const { dates } = useApp();
  const zones = useMemo<ComboOption[]>(() => timeZoneOptions(settings.timezone), [settings.timezone]);
  const locales = useMemo(() => localeOptions(settings.locale), [settings.locale]);
  const [timezone, setTimezone] = useState<string | null>(settings.timezone);
  const [locale, setLocale] = useState(settings.locale);
  const [holidays, setHolidays] = useState<string[]>(settings.holidays);
  const form = useForm({ graceDays: String(settings.graceDays) }, RULES);
  const holiday = useForm({ holiday: '' }, HOLIDAY_RULES);
  const { busy, error, save } = useSave(onSaved, 'Calendar');

  const dirty = timezone !== settings.timezone || locale !== settings.locale || Number(form.values.graceDays) !== settings.graceDays || holidays.join() !== settings.holidays.join();

  const addHoliday = () => {
    if (!holiday.validate()) return;
    const day = holiday.values.holiday;
    setHolidays((h) => (h.includes(day) ? h : [...h, day].sort()));
    holiday.reset({ holiday: '' });
  };

  return (
    <Section id="settings-calendar" title="Calendar" description="Days, months and the nightly time follow this time zone. Holidays are not counted as business days when judging whether a feed has gone quiet.">
      <Combobox label="Time zone" noun={['time zone', 'time zones']} options={zones} value={timezone} onChange={setTimezone} error={timezone ? undefined : 'Choose a time zone from the list'} placeholder="Type a city, e.g. Chicago" />
      <div className="form-row">
        <TextField label="Grace days before certifying" type="number" inputMode="numeric" min={0} max={28} binding={form.field('graceDays')} hint="Calendar days after a month ends, so late meter reads still count (0 to 28)." />
        <SelectField label="Number and date format" value={locale} onChange={setLocale} options={locales} hint={`Example: ${new Intl.NumberFormat(locale).format(18240)} pages, ${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2025, 9, 31))}`} />
      </div>
      <div className="field">
        <span className="field-label" id="holidays-label">
          Holidays
        </span>
        {holidays.length === 0 ? (
          <p className="muted small">No holidays: Monday to Friday are business days.</p>
        ) : (
          <ul className="chips" aria-labelledby="holidays-label">
            {holidays.map((h) => (
              <li key={h} className="chip">
                <span>{dates.day(h)}</span>
                <IconButton icon="close" label={`Remove holiday ${dates.day(h)}`} className="chip-remove" onClick={() => setHolidays((list) => list.filter((x) => x !== h))} />
              </li>
            ))}
          </ul>
        )}
        <div className="inline-add">
          <TextField label="Add a holiday" type="date" binding={holiday.field('holiday')} className="inline-add-field" />
          <Button icon="plus" onClick={addHoliday}>
            Add holiday
          </Button>
        </div>
      </div>
      <SaveBar
        label="Save calendar"
        busy={busy}
        dirty={dirty}
        error={error}
        onSave={() => {
          if (timezone && form.validate()) void save({ timezone, locale, graceDays: Number(form.values.graceDays), holidays });
        }}
      />
    </Section>
  );
}
