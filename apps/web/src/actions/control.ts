import { api } from '../api/client.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useNoticesStore } from '../stores/notices-store.js';
import { useStatsStore } from '../stores/stats-store.js';
import { reloadFlow } from './load.js';
import { reportFailure } from './report.js';

/** Run-state actions on processors. They are not edits of the flow, so they are not undoable. */
export type ControlVerb = 'start' | 'stop' | 'runOnce' | 'enable' | 'disable';

const verbs: Record<ControlVerb, string> = {
  start: 'start',
  stop: 'stop',
  runOnce: 'run once',
  enable: 'enable',
  disable: 'disable',
};

/**
 * Starts, stops, runs once, enables or disables processors. The answer's run states are shown
 * at once (the live stream confirms them a second later); each refusal is shown with the
 * server's reasons ("Cannot start 'Wrap': Relationship 'success' is not connected...").
 */
export async function control(verb: ControlVerb, ids: readonly string[]): Promise<void> {
  const flowId = useGraphStore.getState().flowId;
  if (flowId === null || ids.length === 0) return;
  try {
    // One id as a string: the server then answers a refusal with an error naming the processor.
    const input = { flowId, ids: ids.length === 1 ? ids[0]! : [...ids] };
    const { results } = await api.processors[verb].mutate(input);
    useStatsStore.getState().patchStates(results);
    const refused = results.filter((r) => !r.ok);
    if (refused.length > 0) {
      const names = new Map(useGraphStore.getState().processors.map((p) => [p.id, p.name]));
      useNoticesStore
        .getState()
        .showError(
          refused
            .map(
              (r) => `Cannot ${verbs[verb]} '${names.get(r.id) ?? r.id}': ${r.reasons.join('; ')}`,
            )
            .join('\n'),
        );
    }
  } catch (error) {
    reportFailure(error);
  }
  // Enable and disable change the saved state, which a later delete's undo must know.
  await reloadFlow().catch(reportFailure);
}

/** Starts every processor of the flow that can start; says which could not, and why. */
export async function startAll(): Promise<void> {
  const flowId = useGraphStore.getState().flowId;
  if (flowId === null) return;
  try {
    const { refused } = await api.processors.startAll.mutate({ flowId });
    if (refused.length > 0) {
      const names = new Map(useGraphStore.getState().processors.map((p) => [p.id, p.name]));
      const lines = refused.map((r) => `${names.get(r.id) ?? r.id}: ${r.reasons.join('; ')}`);
      useNoticesStore
        .getState()
        .showError(
          `${refused.length} processor${refused.length === 1 ? '' : 's'} could not start:\n${lines.join('\n')}`,
        );
    }
  } catch (error) {
    reportFailure(error);
  }
  await reloadFlow().catch(reportFailure);
}

/** Stops every processor of the flow. */
export async function stopAll(): Promise<void> {
  const flowId = useGraphStore.getState().flowId;
  if (flowId === null) return;
  try {
    await api.processors.stopAll.mutate({ flowId });
  } catch (error) {
    reportFailure(error);
  }
  await reloadFlow().catch(reportFailure);
}
