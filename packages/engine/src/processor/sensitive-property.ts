import {
  isSensitiveDynamicProperty,
  type IsSensitiveProperty,
  type PropertyOwner,
} from '@sluice/flow-schema';
import type { ProcessorRegistry } from './processor-registry.js';

/**
 * Whether a property of a configured processor or controller service holds a secret: its type
 * declares it sensitive, or the user marked it a sensitive dynamic property. The one test every
 * place that keeps secrets out of somewhere (flow files, exports, the API, diffs, bulletins) uses.
 * A marked name counts even where the type does not support sensitive dynamic properties:
 * validation refuses that configuration, but its value must not leak meanwhile.
 */
export function isSensitiveProperty(
  registry: ProcessorRegistry,
  component: PropertyOwner,
  propertyKey: string,
): boolean {
  return (
    (registry.propertiesOf(component.type)?.[propertyKey]?.sensitive ?? false) ||
    isSensitiveDynamicProperty(component, propertyKey)
  );
}

/** {@link isSensitiveProperty} bound to a registry, in the shape flow-schema's serializer takes. */
export function sensitivityOf(registry: ProcessorRegistry): IsSensitiveProperty {
  return (component, propertyKey) => isSensitiveProperty(registry, component, propertyKey);
}
