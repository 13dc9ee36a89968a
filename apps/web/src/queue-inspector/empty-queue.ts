import { api } from '../api/client.js';
import { reloadFlow } from '../actions/load.js';
import { reportFailure } from '../actions/report.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useQueueInspectorStore } from './inspector-store.js';

/**
 * Drops what a connection holds (NiFi's Empty queue, a DROP provenance event each), once the
 * user has confirmed; not undoable, as in NiFi. Resolves to how many were dropped.
 */
export async function emptyConfirmed(connectionId: string): Promise<number> {
  const flowId = useGraphStore.getState().flowId;
  if (flowId === null) return 0;
  const { dropped } = await api.connections.empty.mutate({ flowId, id: connectionId });
  useQueueInspectorStore.getState().markEmptied();
  await reloadFlow().catch(reportFailure);
  return dropped;
}
