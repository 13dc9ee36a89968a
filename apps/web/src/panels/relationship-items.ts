import type { CatalogEntry } from '../api/types.js';
import type { ProcessorDraft } from './processor-draft.js';
import type { RelationshipItem } from './relationships-section.js';

/**
 * The relationships the panel offers for auto-termination: the server's list for the draft when
 * it has answered (RouteOnAttribute's depend on its strategy and conditions), else the declared
 * ones plus one per named dynamic property when the type adds them. Auto-terminated names that
 * are no longer relationships stay listed, so they can be unchecked.
 */
export function relationshipItems(
  entry: CatalogEntry,
  draft: ProcessorDraft,
  fromServer: readonly string[] | undefined,
  connected: ReadonlySet<string>,
): RelationshipItem[] {
  const declared = new Map(entry.relationships.map((r) => [r.name, r.description]));
  const dynamic = entry.dynamicProperties?.addsRelationship
    ? draft.dynamic.map((row) => row.name).filter((name) => name !== '')
    : [];
  const names = fromServer ?? [...declared.keys(), ...dynamic];
  return [...new Set([...names, ...draft.autoTerminated])].map((name) => ({
    name,
    description:
      declared.get(name) ??
      (dynamic.includes(name)
        ? `Flowfiles for which the condition '${name}' is true`
        : names.includes(name)
          ? ''
          : 'No longer a relationship of this processor'),
    connected: connected.has(name),
  }));
}
