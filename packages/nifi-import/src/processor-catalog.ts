/**
 * What the converter needs to know about Sluice's processor types. The engine's
 * `ProcessorRegistry` fits this shape as it is; declaring it here keeps this package free of the
 * engine and of the processors, so the caller decides which types exist.
 */
export interface ProcessorCatalog {
  get(type: string): CatalogProcessor | undefined;
  /** Every type, to name the ones that exist when a NiFi type has no counterpart. */
  list(): readonly { readonly type: string }[];
}

/** A processor type as the converter sees it. */
export interface CatalogProcessor {
  readonly type: string;
  /** Property key (used in Sluice's flow JSON) → its spec; `name` is NiFi's property name. */
  readonly properties: Readonly<Record<string, CatalogProperty>>;
  /** Relationship name → description. */
  readonly relationships: Readonly<Record<string, string>>;
  /**
   * Present when the type accepts user-added properties (UpdateAttribute, RouteOnAttribute);
   * `supportsSensitive` when they may be marked sensitive (InvokeHTTP's headers).
   */
  readonly dynamicProperties?:
    { readonly addsRelationship?: boolean; readonly supportsSensitive?: boolean } | undefined;
  /** The relationships of a configuration, when they depend on its properties. */
  readonly relationshipsFor?:
    ((properties: Readonly<Record<string, string>>) => readonly string[]) | undefined;
}

/** A declared property as the converter sees it. */
export interface CatalogProperty {
  /** Display name, exactly NiFi's property name (`Search Value`). */
  readonly name: string;
  readonly allowableValues?:
    readonly { readonly value: string; readonly displayName?: string }[] | undefined;
  readonly sensitive?: boolean;
}

/** The relationships a configured processor has (the engine's `relationshipsOf`, restated). */
export function relationshipsOf(
  processor: CatalogProcessor,
  properties: Readonly<Record<string, string>>,
): string[] {
  if (processor.relationshipsFor) return [...processor.relationshipsFor(properties)];
  const declared = Object.keys(processor.relationships);
  if (!processor.dynamicProperties?.addsRelationship) return declared;
  const dynamic = Object.keys(properties).filter((key) => !(key in processor.properties));
  return [...new Set([...declared, ...dynamic])];
}
