import type { CatalogEntry, ProcessorView } from '../api/types.js';

/** What {@link relationshipNames} reads of a processor. */
export type RelationshipSource = Pick<ProcessorView, 'properties'> & {
  readonly relationships?: readonly string[];
};

/**
 * The relationships a processor has. The server's list comes first: a type may compute its
 * relationships from its properties (RouteOnAttribute's follow its Routing Strategy), which only
 * the server knows. Without one (a processor the server has not described yet) the catalog's
 * estimate: the declared relationships plus, for types whose dynamic properties add
 * relationships, one per dynamic property.
 */
export function relationshipNames(
  entry: CatalogEntry | undefined,
  processor: RelationshipSource = { properties: {} },
): string[] {
  if (processor.relationships && processor.relationships.length > 0) {
    return [...processor.relationships];
  }
  if (!entry) return [];
  const declared = entry.relationships.map((r) => r.name);
  if (!entry.dynamicProperties?.addsRelationship) return declared;
  const known = new Set(entry.propertyOrder);
  const dynamic = Object.keys(processor.properties).filter((key) => !known.has(key));
  return [...new Set([...declared, ...dynamic])];
}
