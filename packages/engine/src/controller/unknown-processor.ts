import { defineProcessor } from '../processor/processor-definition.js';
import { defineControllerService } from '../service/controller-service-definition.js';
import { serviceApi } from '../service/service-api.js';

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

/** Stands in for a controller service whose type this engine does not know; it never enables. */
export function unknownControllerService(type: string) {
  return defineControllerService({
    type,
    description: `Unknown controller service type '${type}'`,
    tags: [],
    properties: {},
    provides: serviceApi<never>(`unknown:${type}`),
    enable(): never {
      throw new Error(`Unknown controller service type '${type}'`);
    },
  });
}
