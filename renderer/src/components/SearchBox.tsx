import { Icon } from './Icon';

export function SearchBox({ value, onChange, label, placeholder }: { value: string; onChange: (v: string) => void; label: string; placeholder?: string }) {
  return (
    <div className="search">
      <Icon name="search" size={15} className="search-icon" />
      <input type="search" className="input search-input" value={value} onChange={(e) => onChange(e.target.value)} aria-label={label} placeholder={placeholder ?? label} />
    </div>
  );
}
