import { create } from 'zustand';
import type {
  ConnectionStatusView,
  LiveMessage,
  ProcessorStatusView,
  RunState,
  StatusDelta,
  StatusSnapshot,
} from '../api/types.js';
import {
  badgesFromSnapshot,
  badgesWithDelta,
  type BadgeEntries,
} from '../bulletins/badge-entries.js';
import { isQueueFull } from '../graph/back-pressure.js';
import { sameJson } from '../graph/reconcile.js';

/**
 * Live status of every processor and connection, keyed by id, apart from the graph store: a
 * stats tick replaces only the entries that changed, and cards and edge labels subscribe to
 * their own entry, so a tick renders only what changed and never the whole graph.
 */
export interface StatsState {
  readonly processors: Readonly<Record<string, ProcessorStatusView>>;
  readonly connections: Readonly<Record<string, ConnectionStatusView>>;
  /** Each component's bulletins of the last five minutes (its card's badge), by component id. */
  readonly bulletins: BadgeEntries;
  /** The id of the flow's newest bulletin (0 for none), for the board's unread count. */
  readonly lastBulletinId: number;
  /** Applies one message of `status.live` (or a `status.snapshot` answer as a snapshot). */
  apply(message: LiveMessage): void;
  /** Sets run states an action's answer reported, before the stream says so a second later. */
  patchStates(states: readonly { readonly id: string; readonly state: string }[]): void;
  /** Forgets everything (another flow is opened). */
  clear(): void;
}

type Entries<T> = Readonly<Record<string, T>>;

/** The snapshot's entries, keeping the old object of every entry that did not change. */
function fromSnapshot<T extends { id: string }>(previous: Entries<T>, next: readonly T[]) {
  const result: Record<string, T> = {};
  let same = Object.keys(previous).length === next.length;
  for (const entry of next) {
    const old = previous[entry.id];
    const kept = old !== undefined && sameJson(old, entry) ? old : entry;
    if (kept !== old) same = false;
    result[entry.id] = kept;
  }
  return same ? previous : result;
}

/** The entries with a delta's changed ones replaced and its removed ones dropped. */
function withDelta<T extends { id: string }>(
  previous: Entries<T>,
  changed: readonly T[],
  removed: readonly string[],
) {
  if (changed.length === 0 && removed.every((id) => !(id in previous))) return previous;
  const result: Record<string, T> = { ...previous };
  for (const entry of changed) result[entry.id] = entry;
  for (const id of removed) delete result[id];
  return result;
}

function applySnapshot(state: StatsState, snapshot: StatusSnapshot) {
  return {
    processors: fromSnapshot(state.processors, snapshot.processors),
    connections: fromSnapshot(state.connections, snapshot.connections),
    bulletins: badgesFromSnapshot(state.bulletins, snapshot.bulletins),
    lastBulletinId: snapshot.bulletins?.lastId ?? state.lastBulletinId,
  };
}

function applyDelta(state: StatsState, delta: StatusDelta) {
  return {
    processors: withDelta(state.processors, delta.processors, delta.removedProcessors),
    connections: withDelta(state.connections, delta.connections, delta.removedConnections),
    bulletins: badgesWithDelta(state.bulletins, delta.bulletins),
    lastBulletinId: delta.bulletins?.lastId ?? state.lastBulletinId,
  };
}

/** The stats store. */
export const useStatsStore = create<StatsState>()((set, get) => ({
  processors: {},
  connections: {},
  bulletins: {},
  lastBulletinId: 0,
  apply(message) {
    const state = get();
    switch (message.kind) {
      case 'snapshot':
        set(applySnapshot(state, message.snapshot));
        return;
      case 'delta':
        set(applyDelta(state, message.delta));
        return;
      default: {
        const _exhaustive: never = message;
        return _exhaustive;
      }
    }
  },
  patchStates(states) {
    const processors = { ...get().processors };
    let changed = false;
    for (const { id, state } of states) {
      const old = processors[id];
      if (!old || old.state === state) continue;
      processors[id] = { ...old, state: state as RunState };
      changed = true;
    }
    if (changed) set({ processors });
  },
  clear() {
    set({ processors: {}, connections: {}, bulletins: {}, lastBulletinId: 0 });
  },
}));

/** One processor's live status, re-rendering only when that entry changes. */
export function useProcessorStatus(id: string): ProcessorStatusView | undefined {
  return useStatsStore((s) => s.processors[id]);
}

/** One connection's live status, re-rendering only when that entry changes. */
export function useConnectionStatus(id: string): ConnectionStatusView | undefined {
  return useStatsStore((s) => s.connections[id]);
}

/**
 * Whether a processor is held back by back-pressure: the engine's own flag when the status
 * carries it, else derived as the engine does it (one of its outgoing queues is full). A
 * boolean answer, so the card renders again only when it flips.
 */
export function useHeldBack(processorId: string, outgoing: readonly string[]): boolean {
  return useStatsStore((s) => {
    const flag: unknown = s.processors[processorId]?.backPressured;
    if (typeof flag === 'boolean') return flag;
    return outgoing.some((id) => isQueueFull(s.connections[id]));
  });
}
