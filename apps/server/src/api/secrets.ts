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

/**
 * Fields that name or identify something rather than say something: ids (`id`, `flowFileId`,
 * `childIds`...), a user's role and a level. Their values are never masked, so a secret that
 * happens to equal one (a password `admin`, say) cannot make an answer unusable; no secret is
 * ever stored in them.
 */
const IDENTIFYING_KEY = /^(id|uuid|role|level|state)$|Ids?$/;

/** A JSON-like value with every string masked; returned as is when there is no secret. */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0 || value === undefined) return value;
  return maskValue(JSON.parse(JSON.stringify(value)) as unknown, '', secrets) as T;
}

/** Masks the strings of a parsed JSON value; `key` is the field holding it (an array's, for its items). */
function maskValue(value: unknown, key: string, secrets: readonly string[]): unknown {
  if (typeof value === 'string')
    return IDENTIFYING_KEY.test(key) ? value : maskText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, key, secrets));
  if (typeof value === 'object' && value !== null) {
    const masked: Record<string, unknown> = {};
    for (const [field, item] of Object.entries(value)) {
      // defineProperty: a field named __proto__ stays a field.
      Object.defineProperty(masked, field, {
        value: maskValue(item, field, secrets),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return masked;
  }
  return value;
}
