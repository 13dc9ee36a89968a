import { isParameterReference } from '@sluice/flow-schema';
import type { FlowWorkspace } from '../flows/flow-workspace.js';

/** What stands in for a secret inside a message. */
export const MASK = '********';

/**
 * Every sensitive property value of every flow (a `#{parameter}` reference reveals nothing and
 * is not one). Messages can quote a value (`'Password': 'x' is not an integer`), so answers are
 * masked with these before they leave the server.
 */
export function secretValues(workspace: FlowWorkspace): string[] {
  const secrets = new Set<string>();
  for (const engine of workspace.list()) {
    for (const processor of engine.document.flow.processors) {
      const declared = workspace.registry.get(processor.type)?.properties ?? {};
      for (const [key, value] of Object.entries(processor.properties)) {
        if (declared[key]?.sensitive && value !== '' && !isParameterReference(value)) {
          secrets.add(value);
        }
      }
    }
  }
  // Longest first, so a secret that contains another is masked whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** A text with every secret masked. */
export function maskText(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) masked = masked.split(secret).join(MASK);
  return masked;
}

/** A JSON-like value with every string masked; returned as is when there is no secret. */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0 || value === undefined) return value;
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === 'string' ? maskText(v, secrets) : v,
  ) as T;
}
