import type { ConnectionStatus, FlowEngine, ProcessorStatus } from '@sluice/engine';

/** Everything the canvas shows live: each processor's and each connection's status. */
export interface StatusSnapshot {
  readonly processors: readonly ProcessorStatus[];
  readonly connections: readonly (ConnectionStatus & { readonly threshold: number })[];
}

/** What changed between two snapshots: changed entries, and the ids that went away. */
export interface StatusDelta {
  readonly processors: readonly ProcessorStatus[];
  readonly connections: StatusSnapshot['connections'];
  readonly removedProcessors: readonly string[];
  readonly removedConnections: readonly string[];
}

/** The flow's live status now, with each connection's object threshold for the fill bar. */
export function snapshotOf(engine: FlowEngine): StatusSnapshot {
  const thresholds = new Map(
    engine.document.flow.connections.map((c) => [c.id, c.backPressure.objectThreshold]),
  );
  return {
    processors: engine.processorStatus(),
    connections: engine
      .connectionStatus()
      .map((c) => ({ ...c, threshold: thresholds.get(c.id) ?? 0 })),
  };
}

function changed<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const old = new Map(before.map((e) => [e.id, JSON.stringify(e)]));
  const ids = new Set(after.map((e) => e.id));
  return {
    changed: after.filter((e) => old.get(e.id) !== JSON.stringify(e)),
    removed: [...old.keys()].filter((id) => !ids.has(id)),
  };
}

/** The compact delta from one snapshot to the next; empty lists when nothing changed. */
export function deltaOf(before: StatusSnapshot, after: StatusSnapshot): StatusDelta {
  const processors = changed(before.processors, after.processors);
  const connections = changed(before.connections, after.connections);
  return {
    processors: processors.changed,
    connections: connections.changed,
    removedProcessors: processors.removed,
    removedConnections: connections.removed,
  };
}

/** Whether a delta carries anything. */
export function isEmptyDelta(delta: StatusDelta): boolean {
  return (
    delta.processors.length +
      delta.connections.length +
      delta.removedProcessors.length +
      delta.removedConnections.length ===
    0
  );
}
