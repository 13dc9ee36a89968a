import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useStatsStore } from '../stores/stats-store.js';
import { BulletinBadge } from './bulletin-badge.js';
import { useBulletinBoard } from './bulletin-board-store.js';
import type { BulletinBadgeView } from './types.js';

const show = vi.fn();

beforeEach(() => {
  useStatsStore.getState().clear();
  useBulletinBoard.setState({ show });
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const badge = (componentId: string, count: number, level: BulletinBadgeView['level'] = 'WARN') => ({
  componentId,
  count,
  level,
  latest: [`latest of ${componentId}`, 'older'],
});

/** Applies a live snapshot with these badges. */
function snapshot(...components: BulletinBadgeView[]) {
  useStatsStore.getState().apply({
    kind: 'snapshot',
    snapshot: { processors: [], connections: [], bulletins: { lastId: 9, components } },
  });
}

describe('BulletinBadge', () => {
  it('shows nothing while the processor has no recent bulletin', () => {
    render(<BulletinBadge id="a" />);
    expect(screen.queryByTestId('card-bulletins')).toBeNull();
  });

  it('shows the count in the worst level, with the latest messages as its title', () => {
    render(<BulletinBadge id="a" />);
    act(() => snapshot(badge('a', 3, 'ERROR')));
    const element = screen.getByTestId('card-bulletins');
    expect(element.textContent).toBe('3');
    expect(element.getAttribute('data-level')).toBe('ERROR');
    expect(element.className).toContain('level-error');
    expect(element.title).toBe(
      '3 bulletins in the last 5 minutes (worst: ERROR)\n• latest of a\n• older',
    );
  });

  it('opens the bulletin board on its component when clicked', () => {
    render(<BulletinBadge id="a" />);
    act(() => snapshot(badge('a', 1)));
    fireEvent.click(screen.getByTestId('card-bulletins'));
    expect(show).toHaveBeenCalledWith({ componentId: 'a' });
  });

  it('renders again only when its own badge changes', () => {
    const renders: Record<string, number> = {};
    const counted = (id: string) => (
      <Profiler id={id} onRender={() => (renders[id] = (renders[id] ?? 0) + 1)}>
        <BulletinBadge id={id} />
      </Profiler>
    );
    render(
      <>
        {counted('a')}
        {counted('b')}
      </>,
    );
    act(() => snapshot(badge('a', 1), badge('b', 1)));
    const before = { ...renders };
    act(() =>
      useStatsStore.getState().apply({
        kind: 'delta',
        delta: {
          processors: [],
          connections: [],
          removedProcessors: [],
          removedConnections: [],
          bulletins: { lastId: 10, changed: [badge('b', 2)], removed: [] },
        },
      }),
    );
    expect(renders['a']).toBe(before['a']);
    expect(renders['b']).toBe((before['b'] ?? 0) + 1);
    expect(screen.getAllByTestId('card-bulletins').map((e) => e.textContent)).toEqual(['1', '2']);
  });
});
