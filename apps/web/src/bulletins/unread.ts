import { create } from 'zustand';
import { useGraphStore } from '../stores/graph-store.js';
import { useStatsStore } from '../stores/stats-store.js';

const KEY = 'sluice.bulletinsSeen.';

/**
 * How many bulletins were posted since the newest one the user saw. Ids only grow, one per
 * bulletin, so the difference is the count; a seen id above the newest (the data was wiped)
 * counts everything as unread.
 */
export function unreadCount(lastId: number, seenId: number): number {
  return seenId > lastId ? lastId : lastId - seenId;
}

/** The count as the toolbar shows it: "99+" past 99, so the button keeps its width. */
export function unreadLabel(count: number): string {
  return count > 99 ? '99+' : String(count);
}

// Storage can throw (disabled cookies, a sandboxed frame); the seen id is then kept for the tab.
function readSeen(flowId: string): number {
  try {
    const value = Number(localStorage.getItem(KEY + flowId));
    return Number.isSafeInteger(value) && value > 0 ? value : 0;
  } catch {
    return 0;
  }
}

/** The newest bulletin id the user has seen, per flow, remembered in this browser. */
interface SeenState {
  readonly seen: Readonly<Record<string, number>>;
  markSeen(flowId: string, id: number): void;
}

/** The seen-bulletin store. */
export const useSeenStore = create<SeenState>()((set, get) => ({
  seen: {},
  markSeen(flowId, id) {
    if (get().seen[flowId] === id) return;
    try {
      localStorage.setItem(KEY + flowId, String(id));
    } catch {
      // kept for this tab only: see readSeen
    }
    set({ seen: { ...get().seen, [flowId]: id } });
  },
}));

/** The open flow's unread bulletin count, live. */
export function useUnreadCount(): number {
  const flowId = useGraphStore((s) => s.flowId);
  const lastId = useStatsStore((s) => s.lastBulletinId);
  const seen = useSeenStore((s) => (flowId === null ? 0 : (s.seen[flowId] ?? readSeen(flowId))));
  return flowId === null ? 0 : unreadCount(lastId, seen);
}

/** Marks every bulletin of the open flow as seen (the board is open). */
export function markAllSeen(): void {
  const { flowId } = useGraphStore.getState();
  if (flowId === null) return;
  useSeenStore.getState().markSeen(flowId, useStatsStore.getState().lastBulletinId);
}
