import type { AnyProcessorDefinition } from './processor-definition.js';

/** The processor types an engine knows, by type name. */
export class ProcessorRegistry {
  readonly #types = new Map<string, AnyProcessorDefinition>();

  constructor(definitions: readonly AnyProcessorDefinition[] = []) {
    for (const definition of definitions) this.register(definition);
  }

  register(definition: AnyProcessorDefinition): void {
    if (this.#types.has(definition.type))
      throw new Error(`Processor type '${definition.type}' is registered twice`);
    this.#types.set(definition.type, definition);
  }

  get(type: string): AnyProcessorDefinition | undefined {
    return this.#types.get(type);
  }

  /** All types, sorted by name. */
  list(): AnyProcessorDefinition[] {
    return [...this.#types.values()].sort((a, b) => a.type.localeCompare(b.type));
  }
}
