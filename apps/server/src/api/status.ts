import type { ConnectionStatus, FlowEngine, ProcessorStatus } from '@sluice/engine';
import {
  bulletinBadgesDelta,
  bulletinBadgesOf,
  type BulletinBadges,
  type BulletinBadgesDelta,
} from './bulletin-badges.js';

/** Everything the canvas shows live: each processor's and each connection's status. */
export interface StatusSnapshot {
  readonly processors: readonly ProcessorStatus[];
  readonly connections: readonly (ConnectionStatus & { readonly threshold: number })[];
  /**
   * Recent bulletins per component, for the cards' badges. Always set by {@link snapshotOf};
   * optional so that a snapshot without it (an older server's, a test's) still applies.
   */
  readonly bulletins?: BulletinBadges;
}

/** What changed between two snapshots: changed entries, and the ids that went away. */
export interface StatusDelta {
  readonly processors: readonly ProcessorStatus[];
  readonly connections: StatusSnapshot['connections'];
  readonly removedProcessors: readonly string[];
  readonly removedConnections: readonly string[];
  /** Present only when a badge or the newest bulletin id changed. */
  readonly bulletins?: BulletinBadgesDelta;
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
    bulletins: bulletinBadgesOf(engine),
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
  const bulletins = after.bulletins && bulletinBadgesDelta(before.bulletins, after.bulletins);
  return {
    processors: processors.changed,
    connections: connections.changed,
    removedProcessors: processors.removed,
    removedConnections: connections.removed,
    ...(bulletins ? { bulletins } : {}),
  };
}

/** Whether a delta carries anything. */
export function isEmptyDelta(delta: StatusDelta): boolean {
  const entries =
    delta.processors.length +
    delta.connections.length +
    delta.removedProcessors.length +
    delta.removedConnections.length;
  return entries === 0 && delta.bulletins === undefined;
}
