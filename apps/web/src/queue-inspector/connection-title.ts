import type { ConnectionView, ProcessorView } from '../api/types.js';

/**
 * How the inspector names a connection: its name, else its relationships, with its ends
 * ("success (Generate → Log)").
 */
export function connectionTitle(
  connection: ConnectionView | undefined,
  processors: readonly ProcessorView[],
  fallback: string,
): string {
  if (!connection) return fallback;
  const name = connection.name || connection.relationships.join(', ');
  const nameOf = (id: string) => processors.find((p) => p.id === id)?.name ?? id;
  return `${name} (${nameOf(connection.source.id)} → ${nameOf(connection.destination.id)})`;
}
