import { safeParseFlowDocument, type FlowDocument, type FlowIssue } from '@sluice/flow-schema';
import { relationshipsOf } from '../processor/processor-definition.js';
import type { ProcessorRegistry } from '../processor/processor-registry.js';
import { validateProperties } from '../processor/validate-properties.js';

/** The result of validating a flow against the processor types an engine knows. */
export type FlowValidation =
  | { readonly ok: true; readonly document: FlowDocument }
  | { readonly ok: false; readonly document?: FlowDocument; readonly issues: readonly FlowIssue[] };

/**
 * Validates flow JSON (text or parsed) completely: the schema and references (flow-schema), then
 * every processor against its type: unknown types, property problems, relationships that are
 * neither connected nor auto-terminated, and connections naming relationships that do not exist.
 * Every issue carries the JSON path of what is wrong.
 */
export function validateFlow(input: unknown, registry: ProcessorRegistry): FlowValidation {
  const parsed = safeParseFlowDocument(input);
  if (!parsed.ok) return { ok: false, issues: parsed.error.issues };
  const document = parsed.document;
  const { flow } = document;
  const issues: FlowIssue[] = [];
  const parameterContext = flow.parameterContexts.find((c) => c.id === flow.parameterContextId);
  const parameterExists = (name: string) =>
    !!parameterContext?.parameters.some((p) => p.name === name);
  const relationshipsOfProcessor = (processorId: string) => {
    const config = flow.processors.find((p) => p.id === processorId);
    const definition = config && registry.get(config.type);
    return definition && config ? relationshipsOf(definition, config.properties) : undefined;
  };
  flow.processors.forEach((config, i) => {
    const definition = registry.get(config.type);
    if (!definition) {
      const known = registry
        .list()
        .map((d) => d.type)
        .join(', ');
      issues.push({
        path: `flow.processors[${i}].type`,
        message: `Unknown processor type '${config.type}' (known types: ${known})`,
      });
      return;
    }
    for (const issue of validateProperties(
      definition,
      config.properties,
      parameterExists,
      undefined,
      config.sensitiveDynamicProperties,
    )) {
      const path = issue.property
        ? `flow.processors[${i}].properties.${issue.property}`
        : `flow.processors[${i}]`;
      issues.push({ path, message: `${config.name}: ${issue.message}` });
    }
  });
  // Relationships are resolved per processor, not per type: dynamic ones depend on its properties.
  flow.connections.forEach((connection, c) => {
    const known = relationshipsOfProcessor(connection.source.id);
    if (!known) return;
    connection.relationships.forEach((relationship, r) => {
      if (known.includes(relationship)) return;
      issues.push({
        path: `flow.connections[${c}].relationships[${r}]`,
        message: `connection '${connection.id}' names relationship '${relationship}', which its source does not have (it has: ${known.join(', ') || 'none'})`,
      });
    });
  });
  flow.processors.forEach((config, i) => {
    const known = relationshipsOfProcessor(config.id);
    if (!known) return;
    const handled = new Set(config.autoTerminatedRelationships);
    for (const connection of flow.connections) {
      if (connection.source.id === config.id)
        for (const r of connection.relationships) handled.add(r);
    }
    for (const relationship of known.filter((r) => !handled.has(r))) {
      issues.push({
        path: `flow.processors[${i}].autoTerminatedRelationships`,
        message: `${config.name}: relationship '${relationship}' is neither connected nor auto-terminated`,
      });
    }
  });
  return issues.length === 0 ? { ok: true, document } : { ok: false, document, issues };
}
