import { sensitivityOf, type ProcessorRegistry } from '@sluice/engine';
import { serializeFlowDocument, type FlowDocument } from '@sluice/flow-schema';

/** An exported flow: a suggested file name and the flow's JSON. */
export interface FlowExport {
  readonly fileName: string;
  readonly json: string;
}

/**
 * A flow as the deterministic JSON kept in git (flow-schema's serializer), so two exports of the
 * same flow are byte-identical. Sensitive property values (declared or dynamic) are left out unless they are a
 * `#{parameter}` reference, and sensitive parameter values are never written.
 */
export function exportFlow(document: FlowDocument, registry: ProcessorRegistry): FlowExport {
  const json = serializeFlowDocument(document, {
    isSensitiveProperty: sensitivityOf(registry),
  });
  return { fileName: `${fileStem(document.flow.name) || document.flow.id}.json`, json };
}

/** A file name from a flow name: lower case, runs of other characters as one dash. */
function fileStem(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
