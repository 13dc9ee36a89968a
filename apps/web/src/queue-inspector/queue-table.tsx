import { formatBytes } from '../format.js';
import { formatDuration } from './paging.js';
import type { QueueDirection, QueueRow, QueueSort } from './use-queue-page.js';

/** A column of the listing; those with a sort field sort by a click on their header. */
interface Column {
  readonly label: string;
  readonly sort?: QueueSort;
  readonly className?: string;
  cell(row: QueueRow, now: number): string;
}

const COLUMNS: readonly Column[] = [
  { label: 'Position', sort: 'position', className: 'num', cell: (r) => String(r.position) },
  { label: 'Filename', cell: (r) => r.filename },
  { label: 'UUID', className: 'qi-mono', cell: (r) => r.id },
  { label: 'Size', sort: 'size', className: 'num', cell: (r) => formatBytes(r.size) },
  {
    label: 'Queued for',
    sort: 'queuedDate',
    className: 'num',
    cell: (r, now) => formatDuration(now - r.queuedDate),
  },
  {
    label: 'Lineage age',
    sort: 'lineageStartDate',
    className: 'num',
    cell: (r, now) => formatDuration(now - r.lineageStartDate),
  },
];

/** The listing's sort and what a header click does to it. */
export interface SortState {
  readonly sort: QueueSort;
  readonly direction: QueueDirection;
}

/**
 * The sort after a click on a column: the same column flips direction; another starts in the
 * order a person expects first (position from the head, largest first, longest queued first).
 */
export function nextSort(current: SortState, clicked: QueueSort): SortState {
  if (current.sort === clicked) {
    return { sort: clicked, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  }
  return { sort: clicked, direction: clicked === 'size' ? 'desc' : 'asc' };
}

/** Props of {@link QueueTable}. */
export interface QueueTableProps {
  readonly rows: readonly QueueRow[];
  readonly sort: SortState;
  readonly selected: string | null;
  /** When the rows were loaded: durations are counted to then. */
  readonly now: number;
  onSort(sort: SortState): void;
  onSelect(id: string): void;
}

/** The rows of a page with sortable headers; a row click opens the flowfile's details. */
export function QueueTable({ rows, sort, selected, now, onSort, onSelect }: QueueTableProps) {
  return (
    <table className="qi-table" data-testid="queue-table">
      <thead>
        <tr>
          {COLUMNS.map((column) => {
            const active = column.sort !== undefined && column.sort === sort.sort;
            return (
              <th
                key={column.label}
                scope="col"
                className={column.className}
                aria-sort={
                  active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
                }
              >
                {column.sort ? (
                  <button
                    type="button"
                    className="qi-sort"
                    onClick={() => onSort(nextSort(sort, column.sort!))}
                  >
                    {column.label}
                    <span aria-hidden="true">
                      {active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                ) : (
                  column.label
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.id}
            data-testid="queue-row"
            data-id={row.id}
            className={row.id === selected ? 'selected' : undefined}
            aria-selected={row.id === selected}
            tabIndex={0}
            onClick={() => onSelect(row.id)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onSelect(row.id);
              }
            }}
          >
            {COLUMNS.map((column) => (
              <td key={column.label} className={column.className}>
                {column.cell(row, now)}
                {column.label === 'Position' && row.penalizedUntil > now && (
                  <span className="qi-badge" title="Penalized">
                    P
                  </span>
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
