import { beforeEach, describe, expect, it } from 'vitest';
import { connection, flowView, processor } from '../testing/fixtures.js';
import { useGraphStore } from './graph-store.js';

beforeEach(() => useGraphStore.getState().reset(null));

describe('graph store', () => {
  it('takes a flow and lists each processor’s outgoing connections', () => {
    useGraphStore
      .getState()
      .setFlow(
        flowView(
          'f',
          [processor('a'), processor('b')],
          [connection('ab', 'a', 'b'), connection('aa', 'a', 'a')],
        ),
      );
    const state = useGraphStore.getState();
    expect(state).toMatchObject({ flowId: 'f', name: 'Flow f', loaded: true });
    expect(state.outgoing).toEqual({ a: ['ab', 'aa'] });
  });

  it('keeps the objects of components that did not change when the flow is read again', () => {
    useGraphStore
      .getState()
      .setFlow(flowView('f', [processor('a'), processor('b')], [connection('ab', 'a', 'b')]));
    const before = useGraphStore.getState();

    useGraphStore
      .getState()
      .setFlow(
        flowView(
          'f',
          [processor('a'), processor('b', { name: 'B' })],
          [connection('ab', 'a', 'b')],
        ),
      );

    const after = useGraphStore.getState();
    expect(after.processors[0]).toBe(before.processors[0]);
    expect(after.processors[1]).not.toBe(before.processors[1]);
    expect(after.connections).toBe(before.connections);
    expect(after.outgoing['a']).toBe(before.outgoing['a']);
  });

  it('shares nothing with another flow', () => {
    useGraphStore.getState().setFlow(flowView('f', [processor('a')]));
    const a = useGraphStore.getState().processors[0];
    useGraphStore.getState().setFlow(flowView('g', [processor('a')]));
    expect(useGraphStore.getState().processors[0]).not.toBe(a);
  });

  it('forgets the flow on reset', () => {
    useGraphStore.getState().setFlow(flowView('f', [processor('a')]));
    useGraphStore.getState().reset('g');
    expect(useGraphStore.getState()).toMatchObject({ flowId: 'g', processors: [], loaded: false });
  });
});
