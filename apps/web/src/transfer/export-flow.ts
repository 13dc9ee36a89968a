import { attempt } from '../actions/report.js';
import { api } from '../api/client.js';
import { useGraphStore } from '../stores/graph-store.js';
import { downloadText } from './download.js';

/**
 * Downloads the open flow as the server exports it (deterministic JSON, no secrets), under the
 * file name the server gives. A failure is shown like any failed action.
 */
export async function exportOpenFlow(): Promise<void> {
  const flowId = useGraphStore.getState().flowId;
  if (flowId === null) return;
  await attempt(async () => {
    const { fileName, json } = await api.flows.export.query({ flowId });
    downloadText(fileName, json);
  });
}
