import type { AnyControllerServiceDefinition } from '../service/controller-service-definition.js';
import type { AnyProcessorDefinition } from './processor-definition.js';
import type { PropertyMap } from './property-descriptor.js';

/** The processor and controller service types an engine knows, by type name. */
export class ProcessorRegistry {
  readonly #types = new Map<string, AnyProcessorDefinition>();
  readonly #services = new Map<string, AnyControllerServiceDefinition>();

  constructor(
    definitions: readonly AnyProcessorDefinition[] = [],
    services: readonly AnyControllerServiceDefinition[] = [],
  ) {
    for (const definition of definitions) this.register(definition);
    for (const service of services) this.registerService(service);
  }

  register(definition: AnyProcessorDefinition): void {
    if (this.#types.has(definition.type) || this.#services.has(definition.type))
      throw new Error(`Processor type '${definition.type}' is registered twice`);
    this.#types.set(definition.type, definition);
  }

  registerService(definition: AnyControllerServiceDefinition): void {
    if (this.#services.has(definition.type) || this.#types.has(definition.type))
      throw new Error(`Controller service type '${definition.type}' is registered twice`);
    this.#services.set(definition.type, definition);
  }

  get(type: string): AnyProcessorDefinition | undefined {
    return this.#types.get(type);
  }

  /** A controller service type by name. */
  service(type: string): AnyControllerServiceDefinition | undefined {
    return this.#services.get(type);
  }

  /** The properties of a processor or controller service type (for sensitivity checks). */
  propertiesOf(type: string): PropertyMap | undefined {
    return (this.#types.get(type) ?? this.#services.get(type))?.properties;
  }

  /** All processor types, sorted by name. */
  list(): AnyProcessorDefinition[] {
    return [...this.#types.values()].sort((a, b) => a.type.localeCompare(b.type));
  }

  /** All controller service types, sorted by name. */
  listServices(): AnyControllerServiceDefinition[] {
    return [...this.#services.values()].sort((a, b) => a.type.localeCompare(b.type));
  }
}
