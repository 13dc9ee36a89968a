import type { CatalogEntry, ProcessorView } from '../api/types.js';

/**
 * The relationships a processor has, as far as the catalog can tell: the type's declared ones
 * plus, for types whose dynamic properties add relationships (NiFi's RouteOnAttribute), one per
 * dynamic property. The server decides for good (a type may compute its relationships from its
 * properties); it names the valid ones when it refuses a connection.
 */
export function relationshipNames(
  entry: CatalogEntry | undefined,
  properties: ProcessorView['properties'] = {},
): string[] {
  if (!entry) return [];
  const declared = entry.relationships.map((r) => r.name);
  if (!entry.dynamicProperties?.addsRelationship) return declared;
  const known = new Set(entry.propertyOrder);
  const dynamic = Object.keys(properties).filter((key) => !known.has(key));
  return [...new Set([...declared, ...dynamic])];
}
