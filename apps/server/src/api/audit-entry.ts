import type { AuditEntry } from '../auth/audit-log.js';

/** The ids a procedure's input names: `id`, `ids`, `source`/`destination`, or moved components. */
function targetsOf(input: Record<string, unknown>): string[] {
  const targets: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === 'string') targets.push(value);
    else if (Array.isArray(value)) for (const v of value) add(v);
  };
  add(input['id']);
  add(input['ids']);
  add(input['connectionId']);
  if (Array.isArray(input['moves'])) {
    for (const move of input['moves']) add((move as Record<string, unknown> | null)?.['id']);
  }
  return [...new Set(targets)].slice(0, 100);
}

/**
 * An audit entry for a call: the flow and the component ids it names, taken from the raw input;
 * never property values or anything else it carries, which may be secrets.
 */
export function auditEntry(
  user: string,
  action: string,
  rawInput: unknown,
  outcome: AuditEntry['outcome'],
  message?: string,
): AuditEntry {
  const input =
    typeof rawInput === 'object' && rawInput !== null ? (rawInput as Record<string, unknown>) : {};
  const flowId = typeof input['flowId'] === 'string' ? input['flowId'] : undefined;
  const targets = targetsOf(input);
  return {
    time: Date.now(),
    user,
    action,
    ...(flowId !== undefined ? { flowId } : {}),
    ...(targets.length > 0 ? { targets } : {}),
    outcome,
    ...(message !== undefined ? { message } : {}),
  };
}
