import type { FlowIssue } from './errors.js';
import { formatJsonPath } from './json-path.js';
import type { ConnectionConfig, Flow } from './schema.js';

/**
 * Looks up the relationships a processor type declares, or undefined for a type the caller does
 * not know (such processors are skipped rather than reported, since their spec is unknown).
 */
export type RelationshipsOf = (processorType: string) => readonly string[] | undefined;

/** A relationship of a processor that leads nowhere: not connected and not auto-terminated. */
export interface UnconnectedRelationship {
  readonly processorId: string;
  readonly relationship: string;
}

/**
 * Finds references to components that do not exist: a connection's source or destination that
 * names no processor, and a `parameterContextId` that names no parameter context.
 */
export function findDanglingReferences(flow: Flow): FlowIssue[] {
  const processorIds = new Set(flow.processors.map((processor) => processor.id));
  const issues: FlowIssue[] = [];
  if (
    flow.parameterContextId !== undefined &&
    !flow.parameterContexts.some((context) => context.id === flow.parameterContextId)
  ) {
    issues.push({
      path: 'flow.parameterContextId',
      message: `refers to unknown parameter context "${flow.parameterContextId}"`,
    });
  }
  flow.connections.forEach((connection, index) => {
    for (const end of ['source', 'destination'] as const) {
      const target = connection[end].id;
      if (!processorIds.has(target)) {
        issues.push({
          path: formatJsonPath(['flow', 'connections', index, end, 'id']),
          message: `connection "${connection.id}" refers to unknown ${end} processor "${target}"`,
        });
      }
    }
  });
  return issues;
}

/** The connections whose destination is the given processor, in flow order. */
export function incomingConnections(flow: Flow, processorId: string): ConnectionConfig[] {
  return flow.connections.filter((connection) => connection.destination.id === processorId);
}

/** The connections whose source is the given processor, in flow order. */
export function outgoingConnections(flow: Flow, processorId: string): ConnectionConfig[] {
  return flow.connections.filter((connection) => connection.source.id === processorId);
}

/**
 * Finds the relationships that lead nowhere. NiFi refuses to start a processor with such a
 * relationship, because a flowfile routed to it would have no place to go; a relationship is
 * fine when some connection from the processor lists it or it is auto-terminated.
 */
export function findUnconnectedRelationships(
  flow: Flow,
  relationshipsOf: RelationshipsOf,
): UnconnectedRelationship[] {
  const result: UnconnectedRelationship[] = [];
  for (const processor of flow.processors) {
    const declared = relationshipsOf(processor.type);
    if (declared === undefined) continue;
    const handled = new Set(processor.autoTerminatedRelationships);
    for (const connection of outgoingConnections(flow, processor.id)) {
      for (const relationship of connection.relationships) handled.add(relationship);
    }
    for (const relationship of declared) {
      if (!handled.has(relationship)) result.push({ processorId: processor.id, relationship });
    }
  }
  return result;
}

/**
 * Finds connections that name a relationship their source processor's type does not declare,
 * each reported at `flow.connections[i].relationships[j]`. Connections whose source is missing
 * or of an unknown type are skipped; {@link findDanglingReferences} reports the former.
 */
export function findUnknownRelationships(
  flow: Flow,
  relationshipsOf: RelationshipsOf,
): FlowIssue[] {
  const processors = new Map(flow.processors.map((processor) => [processor.id, processor]));
  const issues: FlowIssue[] = [];
  flow.connections.forEach((connection, index) => {
    const source = processors.get(connection.source.id);
    if (source === undefined) return;
    const declared = relationshipsOf(source.type);
    if (declared === undefined) return;
    connection.relationships.forEach((relationship, position) => {
      if (declared.includes(relationship)) return;
      const known = declared.length === 0 ? 'none' : declared.join(', ');
      issues.push({
        path: formatJsonPath(['flow', 'connections', index, 'relationships', position]),
        message: `connection "${connection.id}" names relationship "${relationship}", which processor "${source.id}" (type ${source.type}) does not have; its relationships are: ${known}`,
      });
    });
  });
  return issues;
}
