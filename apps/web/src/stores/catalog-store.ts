import { create } from 'zustand';
import type { CatalogEntry } from '../api/types.js';

/** The processor types the server offers (`catalog.list`), for the palette and the rules. */
export interface CatalogState {
  readonly entries: readonly CatalogEntry[];
  /** The same entries by type name. */
  readonly byType: Readonly<Record<string, CatalogEntry>>;
  readonly loaded: boolean;
  setCatalog(entries: readonly CatalogEntry[]): void;
}

/** The catalog store. */
export const useCatalogStore = create<CatalogState>()((set) => ({
  entries: [],
  byType: {},
  loaded: false,
  setCatalog(entries) {
    set({ entries, byType: Object.fromEntries(entries.map((e) => [e.type, e])), loaded: true });
  },
}));
