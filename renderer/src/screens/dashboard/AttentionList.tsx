// What needs attention, in words, each with the action that fixes it.
import type { AttentionItem } from '../../../../preload/api';
import { useApp } from '../../app/AppContext';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';

export function AttentionList({ items }: { items: AttentionItem[] }) {
  const { navigate, count } = useApp();
  return (
    <Card title="Needs attention" className="attention-card" aside={items.length > 0 ? <span className="card-count">{count(items.length)}</span> : null}>
      {items.length === 0 ? (
        <div className="all-clear">
          <Icon name="checkCircle" size={20} />
          <span>Nothing needs attention. Every feed is receiving data.</span>
        </div>
      ) : (
        <ul className="attention-list">
          {items.map((item, i) => (
            <li key={`${item.kind}-${item.action.id ?? i}`} className={`attention attention--${item.severity}`}>
              <Icon name={item.severity === 'error' ? 'error' : 'warning'} size={18} className="attention-icon" />
              <div className="attention-body">
                <p className="attention-title">{item.title}</p>
                <p className="attention-detail">{item.detail}</p>
              </div>
              <Button size="small" onClick={() => navigate(item.action.screen, item.action.id)}>
                {item.action.label}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
