import { isSensitiveProperty, relationshipsOf, type ProcessorRegistry } from '@sluice/engine';
import type { FlowDocument, ProcessorConfig, PropertyOwner } from '@sluice/flow-schema';

/** A property value as the API shows it: the value, or only whether a secret is set. */
export type PropertyView = string | { readonly set: boolean };

/**
 * A processor as the API shows it: sensitive values replaced by `{ set }`, and the relationships
 * it has now (RouteOnAttribute's follow its strategy and dynamic properties; empty for an
 * unknown type).
 */
export type ProcessorView = Omit<ProcessorConfig, 'properties'> & {
  readonly properties: Readonly<Record<string, PropertyView>>;
  readonly relationships: readonly string[];
};

/**
 * A processor without its secrets: every sensitive property the type declares appears as
 * `{ set: true }` or `{ set: false }`, so a form can show "set" / "not set" and nothing more.
 */
export function processorView(
  registry: ProcessorRegistry,
  processor: ProcessorConfig,
): ProcessorView {
  const properties = propertiesView(registry, processor);
  const definition = registry.get(processor.type);
  const relationships = definition ? relationshipsOf(definition, processor.properties) : [];
  return { ...processor, properties, relationships };
}

/**
 * The properties of a processor or controller service without their secrets: every sensitive
 * property the type declares, and every dynamic property the component marks sensitive, appears
 * as `{ set }`.
 */
export function propertiesView(
  registry: ProcessorRegistry,
  component: PropertyOwner & { readonly properties: Readonly<Record<string, string>> },
): Record<string, PropertyView> {
  const properties: Record<string, PropertyView> = {};
  for (const [key, value] of Object.entries(component.properties)) {
    properties[key] = isSensitiveProperty(registry, component, key) ? { set: value !== '' } : value;
  }
  const declared = Object.entries(registry.propertiesOf(component.type) ?? {})
    .filter(([, descriptor]) => descriptor.sensitive)
    .map(([key]) => key);
  for (const key of [...declared, ...(component.sensitiveDynamicProperties ?? [])]) {
    if (!(key in properties)) properties[key] = { set: false };
  }
  return properties;
}

/** A whole flow without its secrets (sensitive properties and sensitive parameter values). */
export function flowView(registry: ProcessorRegistry, document: FlowDocument) {
  const { flow } = document;
  return {
    schemaVersion: document.schemaVersion,
    flow: {
      ...flow,
      processors: flow.processors.map((p) => processorView(registry, p)),
      controllerServices: flow.controllerServices.map((s) => ({
        ...s,
        properties: propertiesView(registry, s),
      })),
      parameterContexts: flow.parameterContexts.map((c) => ({
        ...c,
        parameters: c.parameters.map(({ value, ...p }) =>
          p.sensitive ? { ...p, value: { set: value !== undefined } } : { ...p, value },
        ),
      })),
    },
  };
}
