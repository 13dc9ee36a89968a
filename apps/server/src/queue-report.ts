import type { FlowEngine } from '@sluice/engine';
import { formatDataSize } from '@sluice/flow-schema';

/**
 * One line per connection with its queued count and size, named by its ends and relationships,
 * as `sluice run` prints once a second.
 */
export function queueReport(engine: FlowEngine): string[] {
  const { flow } = engine.document;
  const names = new Map(flow.processors.map((p) => [p.id, p.name]));
  const status = new Map(engine.connectionStatus().map((c) => [c.id, c]));
  return flow.connections.map((connection) => {
    const s = status.get(connection.id);
    const queued = s
      ? `${s.queued.count} (${formatDataSize(s.queued.bytes)})${s.full ? ' FULL' : ''}`
      : '?';
    const from = names.get(connection.source.id) ?? connection.source.id;
    const to = names.get(connection.destination.id) ?? connection.destination.id;
    return `${from} -[${connection.relationships.join(',')}]-> ${to}: ${queued}`;
  });
}
