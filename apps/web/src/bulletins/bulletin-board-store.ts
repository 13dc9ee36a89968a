import { create } from 'zustand';
import { api, errorMessage } from '../api/client.js';
import { useGraphStore } from '../stores/graph-store.js';
import { EMPTY_FILTER, pageOf, queryOf, withNewer, type BulletinFilter } from './bulletin-query.js';
import type { BulletinView } from './types.js';
import { markAllSeen } from './unread.js';

/** The bulletin board: whether it is open, its filter, and the pages read so far. */
export interface BulletinBoardState {
  readonly open: boolean;
  readonly filter: BulletinFilter;
  /** Newest first: the first page and every older page loaded with "Load older". */
  readonly rows: readonly BulletinView[];
  /** Whether an older page exists. */
  readonly more: boolean;
  readonly loading: boolean;
  /** Why the last read failed, shown in the board. */
  readonly error: string | null;
  /** Opens the board (optionally filtered, e.g. on one component) and reads the first page. */
  show(filter?: Partial<BulletinFilter>): void;
  hide(): void;
  /** Changes the filter and reads the first page again. */
  setFilter(change: Partial<BulletinFilter>): void;
  /** Reads the page older than the last row shown. */
  loadOlder(): Promise<void>;
  /**
   * Puts the bulletins posted since the newest row on top (the live stream saw new ones), and
   * marks them seen, since the board shows them.
   */
  pullNewer(): Promise<void>;
}

/**
 * Every read gets a number; an answer that is not the latest read's is dropped, so typing fast
 * or closing the board while a read is on its way never shows stale rows.
 */
let latestRead = 0;

async function read(
  set: (state: Partial<BulletinBoardState>) => void,
  query: (flowId: string) => Parameters<typeof api.bulletins.query.query>[0],
  apply: (answer: readonly BulletinView[]) => Partial<BulletinBoardState>,
): Promise<void> {
  const flowId = useGraphStore.getState().flowId;
  if (flowId === null) return;
  const number = ++latestRead;
  set({ loading: true, error: null });
  try {
    const answer = await api.bulletins.query.query(query(flowId));
    if (number === latestRead) set({ ...apply(answer), loading: false });
  } catch (error) {
    if (number === latestRead) set({ loading: false, error: errorMessage(error) });
  }
}

/** The bulletin board store. */
export const useBulletinBoard = create<BulletinBoardState>()((set, get) => {
  const reload = () =>
    read(
      set,
      (flowId) => queryOf(flowId, get().filter),
      (answer) => ({ ...pageOf(answer) }),
    );
  return {
    open: false,
    filter: EMPTY_FILTER,
    rows: [],
    more: false,
    loading: false,
    error: null,
    show(filter = {}) {
      set({ open: true, filter: { ...EMPTY_FILTER, ...filter }, rows: [], more: false });
      markAllSeen();
      void reload();
    },
    hide() {
      latestRead++;
      set({ open: false, loading: false });
    },
    setFilter(change) {
      set({ filter: { ...get().filter, ...change } });
      void reload();
    },
    async loadOlder() {
      const last = get().rows.at(-1);
      if (!last) return;
      await read(
        set,
        (flowId) => queryOf(flowId, get().filter, last.id),
        (answer) => {
          const page = pageOf(answer);
          return { rows: [...get().rows, ...page.rows], more: page.more };
        },
      );
    },
    async pullNewer() {
      if (!get().open) return;
      markAllSeen();
      // A read on its way (a new filter, an older page) is not cut short; the next tick pulls.
      if (get().loading) return;
      await read(
        set,
        (flowId) => queryOf(flowId, get().filter),
        (answer) => {
          // With no row yet (an empty list), the answer is simply the first page.
          if (get().rows.length === 0) return { ...pageOf(answer) };
          return { rows: withNewer(get().rows, pageOf(answer).rows) };
        },
      );
    },
  };
});
