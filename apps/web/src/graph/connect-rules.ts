import type { CatalogEntry, ConnectionView, ProcessorView } from '../api/types.js';
import { relationshipNames } from './relationships.js';

/** Whether a drag from one processor to another may become a connection, and why not. */
export type ConnectCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * The canvas's rules for a new connection, checked while the user drags so an invalid target
 * never lights up: the source must have a relationship to route (which also rules out a
 * self-loop on a processor without any), and the destination must accept input.
 */
export function canConnect(
  source: ProcessorView | undefined,
  target: ProcessorView | undefined,
  catalog: Readonly<Record<string, CatalogEntry>>,
): ConnectCheck {
  if (!source || !target) return { ok: false, reason: 'Connections join two processors' };
  const sourceEntry = catalog[source.type];
  if (relationshipNames(sourceEntry, source).length === 0) {
    return { ok: false, reason: `${source.name} has no relationship to connect` };
  }
  if (catalog[target.type]?.inputRequirement === 'forbidden') {
    return { ok: false, reason: `${target.type} takes no input` };
  }
  return { ok: true };
}

/**
 * The relationships the connect dialog offers: the source's, minus those that already go to
 * the same destination (a second connection for the same relationship and destination would
 * only duplicate every flowfile).
 */
export function connectableRelationships(
  source: ProcessorView,
  destinationId: string,
  entry: CatalogEntry | undefined,
  connections: readonly ConnectionView[],
): string[] {
  const taken = new Set(
    connections
      .filter((c) => c.source.id === source.id && c.destination.id === destinationId)
      .flatMap((c) => c.relationships),
  );
  return relationshipNames(entry, source).filter((r) => !taken.has(r));
}
