// A searchable dropdown (WAI-ARIA combobox with a listbox popup): type to filter, arrows to
// move, Enter to pick, Escape to close. The list is virtualised so 500+ customers (or 400
// time zones) stay quick; options that cannot be picked are shown, marked and skipped.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { describedBy, FieldMessages } from './Field';
import { Icon } from './Icon';

export interface ComboOption {
  value: string;
  label: string;
  /** Secondary text, also searched (an entity ID, a UTC offset). */
  detail?: string;
  /** Shown but not selectable, with the reason as a tag ("Has a feed"). */
  disabledReason?: string;
}

interface ComboboxProps {
  label: string;
  hint?: string;
  error?: string | undefined;
  options: ComboOption[];
  value: string | null;
  onChange: (value: string | null) => void;
  onBlur?: () => void;
  placeholder?: string;
  disabled?: boolean;
  /** e.g. ['customer', 'customers'], for the count under the list. */
  noun: [string, string];
  autoFocus?: boolean;
}

const ROW_HEIGHT = 40;

function matches(options: ComboOption[], query: string): ComboOption[] {
  const terms = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return options;
  const hits = options.filter((o) => {
    const text = `${o.label} ${o.detail ?? ''}`.toLowerCase();
    return terms.every((t) => text.includes(t));
  });
  // Names that start with what was typed come first: type-ahead.
  const first = terms[0]!;
  return [...hits.filter((o) => o.label.toLowerCase().startsWith(first)), ...hits.filter((o) => !o.label.toLowerCase().startsWith(first))];
}

function nextEnabled(list: ComboOption[], from: number, step: 1 | -1): number {
  for (let i = from; i >= 0 && i < list.length; i += step) if (!list[i]!.disabledReason) return i;
  return -1;
}

export function Combobox({ label, hint, error, options, value, onChange, onBlur, placeholder, disabled, noun, autoFocus }: ComboboxProps) {
  const id = useId();
  const listId = `${id}-list`;
  const selected = useMemo(() => options.find((o) => o.value === value) ?? null, [options, value]);
  const [text, setText] = useState(selected?.label ?? '');
  const [typed, setTyped] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => (typed ? matches(options, text) : options), [options, text, typed]);
  const selectable = useMemo(() => shown.filter((o) => !o.disabledReason).length, [shown]);
  const display = typed ? text : (selected?.label ?? text);

  // TanStack Virtual hands back fresh functions each render; this component does not memoise them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => listRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });

  useEffect(() => {
    if (open && active >= 0) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [open, active, virtualizer]);

  const openAt = (index: number) => {
    setOpen(true);
    setActive(index);
  };

  const choose = (option: ComboOption) => {
    if (option.disabledReason) return;
    setText(option.label);
    setTyped(false);
    setOpen(false);
    setActive(-1);
    onChange(option.value);
  };

  const startIndex = () => {
    const at = selected ? shown.findIndex((o) => o.value === selected.value) : -1;
    return at >= 0 ? at : nextEnabled(shown, 0, 1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown': {
        e.preventDefault();
        if (!open) openAt(startIndex());
        else {
          const next = nextEnabled(shown, active + 1, 1);
          if (next >= 0) setActive(next);
        }
        break;
      }
      case 'ArrowUp': {
        e.preventDefault();
        if (!open) openAt(startIndex());
        else {
          const prev = nextEnabled(shown, active - 1, -1);
          if (prev >= 0) setActive(prev);
        }
        break;
      }
      case 'PageDown':
      case 'PageUp': {
        if (!open) return;
        e.preventDefault();
        const step = e.key === 'PageDown' ? 1 : -1;
        const target = Math.min(shown.length - 1, Math.max(0, active + step * 8));
        const found = nextEnabled(shown, target, step);
        if (found >= 0) setActive(found);
        break;
      }
      case 'Enter': {
        if (open && active >= 0 && shown[active]) {
          e.preventDefault();
          choose(shown[active]);
        }
        break;
      }
      case 'Escape': {
        // Close the list (or clear the text) before the dialog around it closes.
        if (open) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
        } else if (text) {
          e.preventDefault();
          e.stopPropagation();
          setText('');
          setTyped(false);
          onChange(null);
        }
        break;
      }
      case 'Tab':
        setOpen(false);
        break;
      default:
        break;
    }
  };

  const activeId = open && active >= 0 && shown[active] ? `${id}-opt-${active}` : undefined;
  const countText = typed ? `${selectable.toLocaleString()} of ${options.length.toLocaleString()} ${options.length === 1 ? noun[0] : noun[1]} match` : `${options.length.toLocaleString()} ${options.length === 1 ? noun[0] : noun[1]}`;

  return (
    <div className="field combobox">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className={`combobox-control ${open ? 'is-open' : ''}`}>
        <Icon name="search" size={15} className="combobox-search" />
        <input
          id={id}
          className="input combobox-input"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          disabled={disabled}
          autoFocus={autoFocus}
          value={display}
          onChange={(e) => {
            setText(e.target.value);
            setTyped(true);
            const found = matches(options, e.target.value);
            openAt(nextEnabled(found, 0, 1));
            if (value !== null) onChange(null);
          }}
          onClick={() => (open ? setOpen(false) : openAt(startIndex()))}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            onBlur?.();
          }}
        />
        <Icon name="chevronDown" size={15} className="combobox-chevron" />
        <div className="combobox-popup" hidden={!open} onMouseDown={(e) => e.preventDefault()}>
          <div ref={listRef} className="combobox-scroll" tabIndex={0}>
            <div id={listId} role="listbox" aria-label={label} className="combobox-list" style={{ height: `${virtualizer.getTotalSize()}px` }}>
              {virtualizer.getVirtualItems().map((item) => {
                const option = shown[item.index]!;
                const isActive = item.index === active;
                return (
                  <div
                    key={option.value}
                    id={`${id}-opt-${item.index}`}
                    role="option"
                    aria-selected={option.value === value}
                    aria-disabled={option.disabledReason ? true : undefined}
                    aria-setsize={shown.length}
                    aria-posinset={item.index + 1}
                    className={`combobox-option ${isActive ? 'is-active' : ''} ${option.disabledReason ? 'is-disabled' : ''}`}
                    style={{ transform: `translateY(${item.start}px)`, height: `${ROW_HEIGHT}px` }}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseMove={() => !option.disabledReason && item.index !== active && setActive(item.index)}
                    onClick={() => choose(option)}
                  >
                    <span className="combobox-option-text">
                      <span className="combobox-option-label">{option.label}</span>
                      {option.detail ? <span className="combobox-option-detail">{option.detail}</span> : null}
                    </span>
                    {option.disabledReason ? <span className="tag">{option.disabledReason}</span> : option.value === value ? <Icon name="check" size={15} /> : null}
                  </div>
                );
              })}
            </div>
            {shown.length === 0 ? <div className="combobox-empty">No {noun[1]} match “{text.trim()}”</div> : null}
          </div>
          <div className="combobox-foot" aria-hidden="true">
            {countText}
          </div>
        </div>
      </div>
      <span className="visually-hidden" role="status" aria-live="polite">
        {open && typed ? countText : ''}
      </span>
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  );
}
