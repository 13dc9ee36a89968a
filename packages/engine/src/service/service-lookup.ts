import type { ServiceLookup } from '../processor/validate-properties.js';
import type { ControllerServiceNode } from './controller-service-node.js';

/**
 * The controller services of `nodes` as property validation sees them (name, type, API, enabled).
 * Reads the map at each call, so it follows services added, replaced or removed later. The engine
 * validates its processors with it; the API validates a panel's draft with the same view.
 */
export function serviceLookup(nodes: ReadonlyMap<string, ControllerServiceNode>): ServiceLookup {
  return (id) => {
    const node = nodes.get(id);
    if (!node) return undefined;
    return {
      name: node.config.name,
      type: node.config.type,
      provides: node.provides,
      enabled: node.state === 'ENABLED',
    };
  };
}
