import type { FlowDocument, ProcessorConfig } from '@sluice/flow-schema';
import type { ConnectionQueue } from '../queue/connection-queue.js';
import type { ControllerServiceNode } from '../service/controller-service-node.js';
import type { ProcessorNode } from './processor-node.js';

/**
 * Why an edited flow may not be applied to a running engine, one reason per problem (empty when
 * it may): NiFi's rules against losing data or changing what a running processor relies on.
 * Removing a connection that holds flowfiles, removing or reconfiguring a running processor, and
 * rewiring or adding a connection at a running processor are refused, and so is removing or
 * reconfiguring an enabled controller service. Pure: nothing is changed.
 */
export function checkFlowEdit(
  current: FlowDocument,
  next: FlowDocument,
  processors: ReadonlyMap<string, ProcessorNode>,
  connections: ReadonlyMap<string, ConnectionQueue>,
  services: ReadonlyMap<string, ControllerServiceNode> = new Map(),
): string[] {
  const reasons: string[] = [];
  const nextServices = new Map(next.flow.controllerServices.map((s) => [s.id, s]));
  for (const [id, node] of services) {
    if (node.state === 'DISABLED') continue;
    const config = nextServices.get(id);
    if (!config) {
      reasons.push(
        `Controller service '${node.config.name}' is enabled; disable it before removing it`,
      );
    } else if (
      config.type !== node.config.type ||
      JSON.stringify(config.properties) !== JSON.stringify(node.config.properties)
    ) {
      reasons.push(
        `Controller service '${node.config.name}' is enabled; disable it before changing its configuration`,
      );
    }
  }
  const nextProcessors = new Map(next.flow.processors.map((p) => [p.id, p]));
  const before = new Map(current.flow.connections.map((c) => [c.id, c]));
  const running = (id: string) => processors.get(id)?.state === 'RUNNING';
  for (const [id, node] of processors) {
    const config = nextProcessors.get(id);
    if (node.state !== 'RUNNING') continue;
    if (!config)
      reasons.push(`Processor '${node.config.name}' is running; stop it before removing it`);
    else if (!sameExceptLayout(node.config, config)) {
      reasons.push(
        `Processor '${node.config.name}' is running; stop it before changing its configuration`,
      );
    }
  }
  const after = new Map(next.flow.connections.map((c) => [c.id, c]));
  for (const [id, connection] of before) {
    const changed = after.get(id);
    const queued = connections.get(id)?.size().count ?? 0;
    if (!changed && queued > 0) {
      reasons.push(
        `Connection '${connection.name ?? id}' holds ${queued} flowfiles; empty it before removing it`,
      );
    }
    const rewired =
      !changed ||
      changed.source.id !== connection.source.id ||
      changed.destination.id !== connection.destination.id ||
      [...changed.relationships].sort().join() !== [...connection.relationships].sort().join();
    if (rewired && (running(connection.source.id) || running(connection.destination.id))) {
      reasons.push(
        `Connection '${connection.name ?? id}' joins a running processor; stop it before changing the connection`,
      );
    }
  }
  for (const [id, connection] of after) {
    if (!before.has(id) && running(connection.source.id)) {
      reasons.push(
        `Processor '${processors.get(connection.source.id)?.config.name}' is running; stop it before connecting from it`,
      );
    }
  }
  return reasons;
}

/** True when two configurations differ at most in name, position and comments. */
function sameExceptLayout(a: ProcessorConfig, b: ProcessorConfig): boolean {
  const strip = ({ name: _n, position: _p, comments: _c, state: _s, ...rest }: ProcessorConfig) =>
    rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}
