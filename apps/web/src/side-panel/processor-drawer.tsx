import { useCallback, useMemo } from 'react';
import { performOrThrow } from '../actions/edit.js';
import { reportFailure } from '../actions/report.js';
import { isNetworkError } from '../api/client.js';
import { configureProcessor } from '../commands/configure-processor.js';
import { useServicesStore } from '../controller-services/services-store.js';
import { ProcessorPanel, type ProcessorChange } from '../panels/processor-panel.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { findProcessor, useGraphStore } from '../stores/graph-store.js';
import { useUiStore } from '../stores/ui-store.js';

/**
 * Mounts the processor configuration panel for one processor. Apply runs the change as an
 * undoable command and reads the flow again, so the panel gets the saved processor back.
 */
export function ProcessorDrawer({ id }: { readonly id: string }) {
  const flowId = useGraphStore((s) => s.flowId);
  const processor = useGraphStore((s) => s.processors.find((p) => p.id === id));
  const connections = useGraphStore((s) => s.connections);
  const entry = useCatalogStore((s) => (processor ? s.byType[processor.type] : undefined));
  // An enabled or disabled service changes whether the processors using it are valid.
  const servicesRevision = useServicesStore((s) => s.revision);
  const connectedRelationships = useMemo(
    () => new Set(connections.filter((c) => c.source.id === id).flatMap((c) => c.relationships)),
    [connections, id],
  );
  const onClose = useCallback(() => useUiStore.getState().openPanel(null), []);
  const onApply = useCallback(
    async (change: ProcessorChange) => {
      // The processor as it is now, not as it was when the panel opened: the inverse must
      // restore what this edit overwrites.
      const before = findProcessor(id);
      if (!before) throw new Error('The processor no longer exists');
      try {
        await performOrThrow(configureProcessor(before, change));
      } catch (error) {
        if (isNetworkError(error)) reportFailure(error);
        throw error;
      }
    },
    [id],
  );

  if (!processor || flowId === null) return null;
  if (!entry) {
    return (
      <p className="side-panel-note">
        The server does not know the processor type <strong>{processor.type}</strong>, so it cannot
        be configured here.
      </p>
    );
  }
  return (
    <ProcessorPanel
      key={id}
      flowId={flowId}
      processor={processor}
      entry={entry}
      connectedRelationships={connectedRelationships}
      onApply={onApply}
      onClose={onClose}
      revalidateKey={servicesRevision}
    />
  );
}
