import type { FlowIssue } from './errors.js';
import { formatJsonPath } from './json-path.js';
import type { Flow } from './schema.js';

/** The arrays of a flow whose elements carry ids that must be unique across the whole flow. */
const ENTITY_ARRAYS = [
  'processors',
  'connections',
  'labels',
  'controllerServices',
  'parameterContexts',
] as const;

/**
 * Finds ids used more than once across processors, connections, labels, controller services
 * and parameter contexts. Each repeat is reported at its own `id` path and names where the id
 * was first used, since both places are candidates for the fix.
 */
export function findDuplicateIds(flow: Flow): FlowIssue[] {
  const firstUse = new Map<string, string>();
  const issues: FlowIssue[] = [];
  for (const key of ENTITY_ARRAYS) {
    flow[key].forEach((entity: { id: string }, index: number) => {
      const path = formatJsonPath(['flow', key, index, 'id']);
      const first = firstUse.get(entity.id);
      if (first === undefined) {
        firstUse.set(entity.id, path);
      } else {
        issues.push({ path, message: `duplicate id "${entity.id}" (already used at ${first})` });
      }
    });
  }
  return issues;
}
