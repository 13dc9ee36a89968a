import { maskSecrets, SECRET_MASK } from '@sluice/engine';
import type { FlowWorkspace } from '../flows/flow-workspace.js';

/** What stands in for a secret inside a message. */
export const MASK = SECRET_MASK;

/**
 * Every secret of every flow (sensitive property values that are not a `#{parameter}` reference,
 * and sensitive parameter values). Messages can quote a value (`'Password': 'x' is not an
 * integer`), so answers are masked with these before they leave the server.
 */
export function secretValues(workspace: FlowWorkspace): string[] {
  const secrets = new Set<string>();
  for (const engine of workspace.list())
    for (const secret of engine.secretValues) secrets.add(secret);
  // Longest first, so a secret that contains another is masked whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** A text with every secret masked. */
export const maskText = maskSecrets;

/** A JSON-like value with every string masked; returned as is when there is no secret. */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0 || value === undefined) return value;
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === 'string' ? maskText(v, secrets) : v,
  ) as T;
}
