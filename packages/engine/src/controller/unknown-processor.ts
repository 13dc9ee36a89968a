import { defineProcessor } from '../processor/processor-definition.js';

/**
 * Stands in for a processor whose type this engine does not know (NiFi's "ghost" processor): the
 * flow still loads and its queues keep their flowfiles, but the processor can never start.
 */
export function unknownProcessor(type: string) {
  return defineProcessor({
    type,
    description: `Unknown processor type '${type}'`,
    tags: [],
    properties: {},
    relationships: {},
    inputRequirement: 'allowed',
    async onTrigger() {
      throw new Error(`Unknown processor type '${type}'`);
    },
  });
}
