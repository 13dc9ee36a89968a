import { canonicalizeFlowDocument, type SerializeOptions } from './canonical.js';
import type { FlowDocument } from './schema.js';
import { stringifyStable } from './stable-json.js';

/**
 * Writes a flow document as the JSON kept in git: canonical form (see
 * `canonicalizeFlowDocument`: sorted, rounded, secrets removed), keys sorted at every level,
 * 2-space indentation and a trailing newline. The same flow always gives the same bytes, so a
 * diff shows only real changes, and `parseFlowDocument` reads the output back.
 */
export function serializeFlowDocument(doc: FlowDocument, options: SerializeOptions = {}): string {
  return `${stringifyStable(canonicalizeFlowDocument(doc, options), 2)}\n`;
}
