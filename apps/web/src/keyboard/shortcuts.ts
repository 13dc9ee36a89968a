/** Everything a keyboard shortcut can do in the editor. */
export type ShortcutAction =
  | 'delete'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'selectAll'
  | 'undo'
  | 'redo'
  | 'start'
  | 'stop'
  | 'runOnce'
  | 'enable'
  | 'disable'
  | 'configure'
  | 'fitView'
  | 'toggleSnap'
  | 'toggleTheme'
  | 'help'
  | 'escape';

/** The modifier and key state of a keyboard event (a DOM KeyboardEvent fits). */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** One shortcut: what it does, the keys the help lists, and whether a key press means it. */
export interface Shortcut {
  readonly action: ShortcutAction;
  /** Key combinations as the help shows them, e.g. [['Ctrl', 'Shift', 'Z'], ['Ctrl', 'Y']]. */
  readonly keys: readonly (readonly string[])[];
  readonly description: string;
  matches(press: KeyPress): boolean;
}

// Ctrl on Linux and Windows, Cmd on a Mac: either counts.
const mod = (p: KeyPress) => p.ctrlKey || p.metaKey;
const plain = (p: KeyPress) => !p.ctrlKey && !p.metaKey && !p.altKey;
const key = (p: KeyPress, k: string) => p.key.toLowerCase() === k;

/**
 * The editor's shortcuts, in the order the help popover lists them. Declared as data, so the
 * keyboard handler and the help can never disagree.
 */
export const SHORTCUTS: readonly Shortcut[] = [
  {
    action: 'start',
    keys: [['S']],
    description: 'Start the selected processors',
    matches: (p) => plain(p) && !p.shiftKey && key(p, 's'),
  },
  {
    action: 'stop',
    keys: [['Shift', 'S']],
    description: 'Stop the selected processors',
    matches: (p) => plain(p) && p.shiftKey && key(p, 's'),
  },
  {
    action: 'runOnce',
    keys: [['R']],
    description: 'Run the selected processors once',
    matches: (p) => plain(p) && !p.shiftKey && key(p, 'r'),
  },
  {
    action: 'enable',
    keys: [['E']],
    description: 'Enable the selected processors',
    matches: (p) => plain(p) && !p.shiftKey && key(p, 'e'),
  },
  {
    action: 'disable',
    keys: [['D']],
    description: 'Disable the selected processors',
    matches: (p) => plain(p) && !p.shiftKey && key(p, 'd'),
  },
  {
    action: 'configure',
    keys: [['Enter']],
    description: 'Configure the selected processor',
    matches: (p) => plain(p) && !p.shiftKey && p.key === 'Enter',
  },
  {
    action: 'delete',
    keys: [['Delete'], ['Backspace']],
    description: 'Delete the selection',
    matches: (p) => plain(p) && (p.key === 'Delete' || p.key === 'Backspace'),
  },
  {
    action: 'copy',
    keys: [['Ctrl', 'C']],
    description: 'Copy the selected processors and the connections between them',
    matches: (p) => mod(p) && !p.shiftKey && !p.altKey && key(p, 'c'),
  },
  {
    action: 'cut',
    keys: [['Ctrl', 'X']],
    description: 'Cut the selected processors',
    matches: (p) => mod(p) && !p.shiftKey && !p.altKey && key(p, 'x'),
  },
  {
    action: 'paste',
    keys: [['Ctrl', 'V']],
    description: 'Paste next to the copied processors',
    matches: (p) => mod(p) && !p.shiftKey && !p.altKey && key(p, 'v'),
  },
  {
    action: 'selectAll',
    keys: [['Ctrl', 'A']],
    description: 'Select everything',
    matches: (p) => mod(p) && !p.shiftKey && !p.altKey && key(p, 'a'),
  },
  {
    action: 'undo',
    keys: [['Ctrl', 'Z']],
    description: 'Undo',
    matches: (p) => mod(p) && !p.shiftKey && !p.altKey && key(p, 'z'),
  },
  {
    action: 'redo',
    keys: [
      ['Ctrl', 'Shift', 'Z'],
      ['Ctrl', 'Y'],
    ],
    description: 'Redo',
    matches: (p) =>
      mod(p) && !p.altKey && ((p.shiftKey && key(p, 'z')) || (!p.shiftKey && key(p, 'y'))),
  },
  {
    action: 'fitView',
    keys: [['F']],
    description: 'Fit the flow in the view',
    matches: (p) => plain(p) && !p.shiftKey && key(p, 'f'),
  },
  {
    action: 'toggleSnap',
    keys: [['G']],
    description: 'Snap to grid on or off',
    matches: (p) => plain(p) && !p.shiftKey && key(p, 'g'),
  },
  {
    action: 'toggleTheme',
    keys: [['Shift', 'T']],
    description: 'Dark or light theme',
    matches: (p) => plain(p) && p.shiftKey && key(p, 't'),
  },
  {
    action: 'help',
    keys: [['?']],
    description: 'Show these shortcuts',
    matches: (p) => !mod(p) && p.key === '?',
  },
  {
    action: 'escape',
    keys: [['Esc']],
    description: 'Close a menu, dialog or the side panel; clear the selection',
    matches: (p) => p.key === 'Escape',
  },
];

/** The shortcut a key press means, or null. */
export function shortcutOf(press: KeyPress): ShortcutAction | null {
  return SHORTCUTS.find((s) => s.matches(press))?.action ?? null;
}

/** Whether a key press happened in a text field, which keeps its own keys (even Escape). */
export function inTextField(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest('input, textarea, select, [contenteditable="true"], [contenteditable=""]') !==
      null
  );
}

/**
 * Whether a key press should be left to the element it happened in: text fields keep their
 * own Delete, Ctrl+Z and letters, and dialogs, menus and the side panel handle their own keys.
 */
export function belongsToTarget(target: EventTarget | null): boolean {
  if (inTextField(target)) return true;
  return (
    target instanceof Element &&
    target.closest('[role="dialog"], [role="menu"], .side-panel') !== null
  );
}
