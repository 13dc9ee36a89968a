import type {
  AnyControllerServiceDefinition,
  AnyProcessorDefinition,
  PropertyDescriptor,
  PropertyMap,
  ProcessorRegistry,
} from '@sluice/engine';

/** JSON Schema of one property; a sensitive property never carries a default value. */
function propertySchema(descriptor: PropertyDescriptor) {
  return {
    type: 'string',
    title: descriptor.name,
    description: descriptor.description,
    ...(descriptor.defaultValue !== undefined && !descriptor.sensitive
      ? { default: descriptor.defaultValue }
      : {}),
    ...(descriptor.allowableValues && descriptor.expressionScope === 'none'
      ? { enum: descriptor.allowableValues.map((v) => v.value) }
      : {}),
    ...(descriptor.sensitive ? { writeOnly: true } : {}),
  };
}

/** UI hints of one property: how the form shows it. Never a value of a sensitive property. */
function propertyHints(descriptor: PropertyDescriptor) {
  return {
    displayName: descriptor.name,
    description: descriptor.description,
    kind: descriptor.kind,
    required: descriptor.required,
    defaultValue: descriptor.sensitive ? undefined : descriptor.defaultValue,
    allowableValues: descriptor.allowableValues ?? null,
    expressionLanguage: descriptor.expressionScope,
    sensitive: descriptor.sensitive,
    /** For a controller service reference: the API the service must provide. */
    serviceApi: descriptor.serviceApi ?? null,
  };
}

/** JSON Schema and UI hints of a property map (a processor's or a controller service's). */
function propertyForm(title: string, declared: PropertyMap, additional: boolean) {
  const properties = Object.entries(declared);
  return {
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title,
      type: 'object',
      properties: Object.fromEntries(properties.map(([key, d]) => [key, propertySchema(d)])),
      required: properties
        .filter(([, d]) => d.required && d.defaultValue === undefined)
        .map(([k]) => k),
      additionalProperties: additional ? { type: 'string' } : false,
    },
    ui: Object.fromEntries(properties.map(([key, d]) => [key, propertyHints(d)])),
    propertyOrder: properties.map(([key]) => key),
  };
}

/** One processor type as the editor needs it. */
export type CatalogEntry = ReturnType<typeof catalogEntry>;

/** One processor type as the editor needs it: JSON Schema of its properties plus UI hints. */
export function catalogEntry(definition: AnyProcessorDefinition) {
  return {
    type: definition.type,
    description: definition.description,
    tags: [...definition.tags],
    inputRequirement: definition.inputRequirement,
    defaultRunSchedule: definition.defaultRunSchedule ?? null,
    relationships: Object.entries(definition.relationships).map(([name, description]) => ({
      name,
      description: String(description),
    })),
    dynamicProperties: definition.dynamicProperties ?? null,
    ...propertyForm(definition.type, definition.properties, !!definition.dynamicProperties),
  };
}

/** One controller service type as the editor needs it. */
export type ServiceCatalogEntry = ReturnType<typeof serviceCatalogEntry>;

/** One controller service type: the API it provides, JSON Schema of its properties, UI hints. */
export function serviceCatalogEntry(definition: AnyControllerServiceDefinition) {
  return {
    type: definition.type,
    description: definition.description,
    tags: [...definition.tags],
    provides: definition.provides.name,
    ...propertyForm(definition.type, definition.properties, false),
  };
}

/** Every controller service type of the registry, sorted by type. */
export function serviceCatalog(registry: ProcessorRegistry) {
  return registry.listServices().map(serviceCatalogEntry);
}

/** Every processor type of the registry, sorted by type. */
export function catalog(registry: ProcessorRegistry) {
  return registry.list().map(catalogEntry);
}
