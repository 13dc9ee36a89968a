import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectionStatus, processorStatus } from '../testing/fixtures.js';
import { useHeldBack, useStatsStore } from './stats-store.js';

/** Applies a delta with only the given changes. */
function delta(
  d: Partial<{
    processors: ReturnType<typeof processorStatus>[];
    connections: ReturnType<typeof connectionStatus>[];
    removedProcessors: string[];
    removedConnections: string[];
  }>,
) {
  useStatsStore.getState().apply({
    kind: 'delta',
    delta: { processors: [], connections: [], removedProcessors: [], removedConnections: [], ...d },
  });
}

/** Applies a snapshot (by default: processors a and b, connection c). */
function snapshot(
  processors = [processorStatus('a', 1), processorStatus('b', 2)],
  connections = [connectionStatus('c', 3)],
) {
  useStatsStore.getState().apply({ kind: 'snapshot', snapshot: { processors, connections } });
}

beforeEach(() => useStatsStore.getState().clear());

describe('stats store', () => {
  it('keys a snapshot by id', () => {
    snapshot();
    const { processors, connections } = useStatsStore.getState();
    expect(processors['b']?.stats.inCount).toBe(2);
    expect(connections['c']?.queued.count).toBe(3);
  });

  it('replaces only the entries a delta carries, and drops the removed ones', () => {
    snapshot();
    const before = useStatsStore.getState();
    delta({ processors: [processorStatus('b', 5)], removedConnections: ['c'] });
    const after = useStatsStore.getState();
    expect(after.processors['a']).toBe(before.processors['a']);
    expect(after.processors['b']?.stats.inCount).toBe(5);
    expect(after.connections['c']).toBeUndefined();
  });

  it('keeps every object of a new snapshot equal to the last one (a reconnect)', () => {
    snapshot();
    const before = useStatsStore.getState();
    snapshot();
    expect(useStatsStore.getState().processors).toBe(before.processors);
    expect(useStatsStore.getState().connections).toBe(before.connections);
  });

  it('drops entries a new snapshot no longer has', () => {
    snapshot();
    snapshot([processorStatus('a', 1)], []);
    expect(Object.keys(useStatsStore.getState().processors)).toEqual(['a']);
  });

  it('sets run states an action reported without waiting for the stream', () => {
    snapshot();
    useStatsStore.getState().patchStates([
      { id: 'a', state: 'RUNNING' },
      { id: 'ghost', state: 'RUNNING' },
    ]);
    expect(useStatsStore.getState().processors['a']?.state).toBe('RUNNING');
    expect(useStatsStore.getState().processors['ghost']).toBeUndefined();
  });
});

describe('useHeldBack', () => {
  it('uses the engine’s flag when the status has one', () => {
    snapshot([processorStatus('a', 0, { backPressured: true })], [connectionStatus('c', 0)]);
    const { result } = renderHook(() => useHeldBack('a', ['c']));
    expect(result.current).toBe(true);
  });

  it('else derives it from the outgoing queues, and flips when one fills', () => {
    // A status from an engine without the flag.
    const { backPressured: _flag, ...noFlag } = processorStatus('a');
    snapshot(
      [noFlag as unknown as ReturnType<typeof processorStatus>],
      [connectionStatus('c', 1, 10)],
    );
    const { result } = renderHook(() => useHeldBack('a', ['c']));
    expect(result.current).toBe(false);

    act(() => delta({ connections: [connectionStatus('c', 10, 10)] }));

    expect(result.current).toBe(true);
  });
});
