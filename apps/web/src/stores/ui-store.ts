import { create } from 'zustand';
import type { Position } from '../api/types.js';

/** The editor's colour theme. */
export type Theme = 'light' | 'dark';

/** What the right-side drawer shows. */
export type PanelTarget =
  | { readonly kind: 'processor'; readonly id: string }
  | { readonly kind: 'connection'; readonly id: string };

/** An open context menu: where it is and what it is about. */
export type MenuTarget =
  | { readonly kind: 'processor'; readonly id: string; readonly x: number; readonly y: number }
  | { readonly kind: 'connection'; readonly id: string; readonly x: number; readonly y: number }
  | {
      readonly kind: 'pane';
      readonly x: number;
      readonly y: number;
      /** The point right-clicked, in flow coordinates (where "Add label" puts the label). */
      readonly at: Position;
    };

/** A connection drawn on the canvas, waiting for the user to pick its relationships. */
export interface ConnectRequest {
  readonly source: string;
  readonly destination: string;
}

/** Editor state that is neither the flow nor its stats: theme, drawer, menus, dialogs. */
export interface UiState {
  readonly theme: Theme;
  readonly snapToGrid: boolean;
  readonly panel: PanelTarget | null;
  readonly menu: MenuTarget | null;
  readonly connectRequest: ConnectRequest | null;
  readonly shortcutsOpen: boolean;
  /** True while the flow's name is being edited in the toolbar. */
  readonly renaming: boolean;
  toggleTheme(): void;
  toggleSnapToGrid(): void;
  openPanel(target: PanelTarget | null): void;
  openMenu(menu: MenuTarget | null): void;
  requestConnect(request: ConnectRequest | null): void;
  setShortcutsOpen(open: boolean): void;
  setRenaming(renaming: boolean): void;
}

const THEME_KEY = 'sluice.theme';
const SNAP_KEY = 'sluice.snapToGrid';

/** The theme remembered in this browser, else the system's preference. */
export function initialTheme(): Theme {
  const saved = readSetting(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  const dark =
    typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  return dark ? 'dark' : 'light';
}

// Storage can throw (disabled cookies, a sandboxed frame); a setting is then simply not kept.
function readSetting(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeSetting(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // not kept: see readSetting
  }
}

/** The UI store. */
export const useUiStore = create<UiState>()((set, get) => ({
  theme: initialTheme(),
  snapToGrid: readSetting(SNAP_KEY) !== 'false',
  panel: null,
  menu: null,
  connectRequest: null,
  shortcutsOpen: false,
  renaming: false,
  toggleTheme() {
    const theme = get().theme === 'dark' ? 'light' : 'dark';
    writeSetting(THEME_KEY, theme);
    set({ theme });
  },
  toggleSnapToGrid() {
    const snapToGrid = !get().snapToGrid;
    writeSetting(SNAP_KEY, String(snapToGrid));
    set({ snapToGrid });
  },
  openPanel(panel) {
    set({ panel, menu: null });
  },
  openMenu(menu) {
    set({ menu });
  },
  requestConnect(connectRequest) {
    set({ connectRequest });
  },
  setShortcutsOpen(shortcutsOpen) {
    set({ shortcutsOpen });
  },
  setRenaming(renaming) {
    set({ renaming });
  },
}));
