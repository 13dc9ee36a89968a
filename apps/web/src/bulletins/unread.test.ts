import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useGraphStore } from '../stores/graph-store.js';
import { useStatsStore } from '../stores/stats-store.js';
import { markAllSeen, unreadCount, unreadLabel, useSeenStore, useUnreadCount } from './unread.js';

beforeEach(() => {
  localStorage.clear();
  useSeenStore.setState({ seen: {} });
  useStatsStore.getState().clear();
  useGraphStore.getState().reset('f');
});

describe('unread bulletins', () => {
  it('counts the bulletins after the seen id, everything when the seen id is ahead', () => {
    expect(unreadCount(10, 4)).toBe(6);
    expect(unreadCount(10, 10)).toBe(0);
    expect(unreadCount(3, 8)).toBe(3);
    expect(unreadLabel(7)).toBe('7');
    expect(unreadLabel(250)).toBe('99+');
  });

  it('follows the live newest id, and marking seen is remembered per flow', () => {
    const { result } = renderHook(() => useUnreadCount());
    expect(result.current).toBe(0);
    act(() => useStatsStore.setState({ lastBulletinId: 5 }));
    expect(result.current).toBe(5);
    act(() => markAllSeen());
    expect(result.current).toBe(0);
    expect(localStorage.getItem('sluice.bulletinsSeen.f')).toBe('5');
    act(() => useStatsStore.setState({ lastBulletinId: 7 }));
    expect(result.current).toBe(2);
  });
});
