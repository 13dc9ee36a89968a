/**
 * The parts of a processor or controller service configuration that decide whether one of its
 * properties holds a secret: its type (whose declared properties may be sensitive) and the
 * dynamic properties the user marked sensitive (NiFi's `sensitiveDynamicPropertyNames`).
 */
export interface PropertyOwner {
  readonly type: string;
  readonly sensitiveDynamicProperties?: readonly string[] | undefined;
}

/**
 * Whether a property of a configured processor or controller service holds a secret. Callers
 * that know the component types (the engine's registry) answer for declared properties too;
 * see `@sluice/engine`'s `sensitivityOf`.
 */
export type IsSensitiveProperty = (component: PropertyOwner, propertyKey: string) => boolean;

/** Whether the user marked this property of the component as a sensitive dynamic property. */
export function isSensitiveDynamicProperty(component: PropertyOwner, propertyKey: string): boolean {
  return component.sensitiveDynamicProperties?.includes(propertyKey) ?? false;
}
