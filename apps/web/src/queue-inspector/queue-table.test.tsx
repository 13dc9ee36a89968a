import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextSort, QueueTable, type QueueTableProps } from './queue-table.js';
import type { QueueRow } from './use-queue-page.js';

afterEach(cleanup);

const NOW = 1_767_000_000_000;

function row(position: number, overrides: Partial<QueueRow> = {}): QueueRow {
  return {
    position,
    id: `id-${position}`,
    filename: `file-${position}.json`,
    size: position * 1024,
    queuedDate: NOW - 42_000,
    entryDate: NOW - 60_000,
    lineageStartDate: NOW - 3_600_000,
    penalizedUntil: 0,
    ...overrides,
  };
}

function renderTable(overrides: Partial<QueueTableProps> = {}) {
  const props: QueueTableProps = {
    rows: [row(1), row(2, { penalizedUntil: NOW + 5000 })],
    sort: { sort: 'position', direction: 'asc' },
    selected: null,
    now: NOW,
    onSort: vi.fn(),
    onSelect: vi.fn(),
    ...overrides,
  };
  render(<QueueTable {...props} />);
  return props;
}

describe('QueueTable', () => {
  it('shows position, filename, uuid, size and how long each has been queued', () => {
    renderTable();
    const [first, second] = screen.getAllByTestId('queue-row');
    expect(
      within(first!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1', 'file-1.json', 'id-1', '1 KB', '42 s', '1 h 0 min']);
    expect(within(second!).getByTitle('Penalized')).toBeTruthy();
  });

  it('sorts by a click on a sortable header and marks the sorted column', () => {
    const props = renderTable({ sort: { sort: 'size', direction: 'desc' } });
    expect(screen.getByRole('columnheader', { name: /Size/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    expect(screen.queryByRole('button', { name: 'Filename' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Size/ }));
    expect(props.onSort).toHaveBeenCalledWith({ sort: 'size', direction: 'asc' });
    fireEvent.click(screen.getByRole('button', { name: /Queued for/ }));
    expect(props.onSort).toHaveBeenLastCalledWith({ sort: 'queuedDate', direction: 'asc' });
  });

  it('opens a row by click or Enter, and marks the open one', () => {
    const props = renderTable({ selected: 'id-2' });
    const [first, second] = screen.getAllByTestId('queue-row');
    expect(second!.getAttribute('aria-selected')).toBe('true');
    fireEvent.click(first!);
    expect(props.onSelect).toHaveBeenCalledWith('id-1');
    fireEvent.keyDown(second!, { key: 'Enter' });
    expect(props.onSelect).toHaveBeenLastCalledWith('id-2');
  });
});

describe('nextSort', () => {
  it('flips the direction of the same column, starts a new one where a person expects', () => {
    expect(nextSort({ sort: 'position', direction: 'asc' }, 'position')).toEqual({
      sort: 'position',
      direction: 'desc',
    });
    expect(nextSort({ sort: 'position', direction: 'asc' }, 'size')).toEqual({
      sort: 'size',
      direction: 'desc',
    });
    expect(nextSort({ sort: 'size', direction: 'desc' }, 'lineageStartDate')).toEqual({
      sort: 'lineageStartDate',
      direction: 'asc',
    });
  });
});
