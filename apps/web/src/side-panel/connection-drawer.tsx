import { useCallback } from 'react';
import { performOrThrow } from '../actions/edit.js';
import { reportFailure } from '../actions/report.js';
import { isNetworkError } from '../api/client.js';
import { configureConnection } from '../commands/configure-connection.js';
import { relationshipNames } from '../graph/relationships.js';
import { ConnectionPanel, type ConnectionChange } from '../panels/connection-panel.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { findConnection, useGraphStore } from '../stores/graph-store.js';
import { useUiStore } from '../stores/ui-store.js';

/** Mounts the connection settings panel for one connection; Apply is an undoable command. */
export function ConnectionDrawer({ id }: { readonly id: string }) {
  const flowId = useGraphStore((s) => s.flowId);
  const connection = useGraphStore((s) => s.connections.find((c) => c.id === id));
  const source = useGraphStore((s) => s.processors.find((p) => p.id === connection?.source.id));
  const destination = useGraphStore((s) =>
    s.processors.find((p) => p.id === connection?.destination.id),
  );
  const entry = useCatalogStore((s) => (source ? s.byType[source.type] : undefined));
  const onClose = useCallback(() => useUiStore.getState().openPanel(null), []);
  const onApply = useCallback(
    async (change: ConnectionChange) => {
      const before = findConnection(id);
      if (!before) throw new Error('The connection no longer exists');
      try {
        await performOrThrow(configureConnection(before, change));
      } catch (error) {
        if (isNetworkError(error)) reportFailure(error);
        throw error;
      }
    },
    [id],
  );

  if (!connection || flowId === null) return null;
  return (
    <ConnectionPanel
      key={id}
      flowId={flowId}
      connection={connection}
      sourceName={source?.name ?? connection.source.id}
      destinationName={destination?.name ?? connection.destination.id}
      relationships={relationshipNames(entry, source)}
      onApply={onApply}
      onClose={onClose}
    />
  );
}
