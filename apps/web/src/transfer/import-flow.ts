import { switchFlow } from '../actions/flows.js';
import { loadFlows } from '../actions/load.js';
import { attempt, reportFailure } from '../actions/report.js';
import { api } from '../api/client.js';
import { useNoticesStore } from '../stores/notices-store.js';
import { importRefusal } from './import-refusal.js';
import { readFlowFile } from './read-flow-file.js';
import { useTransferStore, type ImportResult } from './transfer-store.js';

/**
 * Imports a chosen flow file (a Sluice flow or a NiFi 2 flow definition) as a new flow, opens
 * it and shows what the import reported. A refused file shows every problem by JSON path, so it
 * can be fixed; a file too big or unreadable, or a server out of reach, is a transient notice.
 */
export async function importFlowFile(file: File): Promise<void> {
  const transfer = useTransferStore.getState();
  if (transfer.importing) return;
  transfer.setImporting(true);
  try {
    const read = await readFlowFile(file);
    if (!read.ok) {
      useNoticesStore.getState().showError(read.message);
      return;
    }
    let result: ImportResult;
    try {
      result = await api.flows.import.mutate({ json: read.text });
    } catch (error) {
      const refusal = importRefusal(error);
      if (refusal) transfer.show({ kind: 'refused', fileName: file.name, refusal });
      else reportFailure(error);
      return;
    }
    // The flow exists now, whether or not it can be opened at once: the report is shown anyway.
    await attempt(async () => {
      await loadFlows();
      await switchFlow(result.id);
    });
    transfer.show({ kind: 'imported', result });
  } finally {
    transfer.setImporting(false);
  }
}
