// A table header cell that sorts its column: a button inside the <th>, with aria-sort so
// screen readers announce the order.
import { Icon } from './Icon';

export interface SortableColumn<K extends string> {
  key: K;
  label: string;
  numeric?: boolean;
}

export function SortableHeader<K extends string>({ column, sort, dir, onSort }: { column: SortableColumn<K>; sort: K; dir: 'asc' | 'desc'; onSort: (key: K) => void }) {
  const sorted = sort === column.key;
  return (
    <th scope="col" className={column.numeric ? 'num' : undefined} aria-sort={sorted ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className={`th-sort ${sorted ? 'is-sorted' : ''}`} onClick={() => onSort(column.key)}>
        <span>{column.label}</span>
        <Icon name={sorted ? (dir === 'asc' ? 'chevronUp' : 'chevronDown') : 'sort'} size={13} />
      </button>
    </th>
  );
}
