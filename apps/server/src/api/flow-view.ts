import { relationshipsOf, type ProcessorRegistry } from '@sluice/engine';
import type { FlowDocument, ProcessorConfig } from '@sluice/flow-schema';

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

/** Whether a property of a processor type holds a secret. */
export function isSensitive(registry: ProcessorRegistry, type: string, key: string): boolean {
  return registry.get(type)?.properties[key]?.sensitive ?? false;
}

/**
 * A processor without its secrets: every sensitive property the type declares appears as
 * `{ set: true }` or `{ set: false }`, so a form can show "set" / "not set" and nothing more.
 */
export function processorView(
  registry: ProcessorRegistry,
  processor: ProcessorConfig,
): ProcessorView {
  const properties: Record<string, PropertyView> = {};
  for (const [key, value] of Object.entries(processor.properties)) {
    properties[key] = isSensitive(registry, processor.type, key) ? { set: value !== '' } : value;
  }
  const definition = registry.get(processor.type);
  for (const [key, descriptor] of Object.entries(definition?.properties ?? {})) {
    if (descriptor.sensitive && !(key in properties)) properties[key] = { set: false };
  }
  const relationships = definition ? relationshipsOf(definition, processor.properties) : [];
  return { ...processor, properties, relationships };
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
        properties: Object.fromEntries(Object.keys(s.properties).map((k) => [k, { set: true }])),
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
