// A month, stepped with arrows or picked from the list.
import { useId } from 'react';
import { useApp } from '../../app/AppContext';
import { IconButton } from '../../components/Button';

export function MonthPicker({ month, months, onChange }: { month: string; months: string[]; onChange: (m: string) => void }) {
  const { dates } = useApp();
  const id = useId();
  const index = months.indexOf(month);
  const list = index >= 0 ? months : [month, ...months];
  return (
    <div className="month-picker">
      <label htmlFor={id} className="visually-hidden">
        Month
      </label>
      <IconButton icon="chevronLeft" label="Previous month" disabled={index === months.length - 1} onClick={() => onChange(months[index + 1] ?? month)} />
      <select id={id} className="input select month-select" value={month} onChange={(e) => onChange(e.target.value)}>
        {list.map((m) => (
          <option key={m} value={m}>
            {dates.month(m)}
          </option>
        ))}
      </select>
      <IconButton icon="chevronRight" label="Next month" disabled={index <= 0} onClick={() => onChange(months[index - 1] ?? month)} />
    </div>
  );
}
