import { useReactFlow } from '@xyflow/react';
import { FIT_VIEW_OPTIONS } from '../canvas/viewport.js';
import { useEffect } from 'react';
import { copySelection, cutSelection, paste } from '../actions/clipboard.js';
import { redo, undo } from '../actions/edit.js';
import { controlSelection, deleteSelection, selectAll } from '../actions/selection.js';
import { currentSelection, useCanvasStore } from '../stores/canvas-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { belongsToTarget, inTextField, shortcutOf, type ShortcutAction } from './shortcuts.js';

/** What each shortcut does; every action here is also reachable with the mouse. */
function run(action: ShortcutAction, fitView: () => void): void {
  const ui = useUiStore.getState();
  switch (action) {
    case 'delete':
      void deleteSelection();
      return;
    case 'copy':
      copySelection();
      return;
    case 'cut':
      void cutSelection();
      return;
    case 'paste':
      void paste();
      return;
    case 'selectAll':
      selectAll();
      return;
    case 'undo':
      void undo();
      return;
    case 'redo':
      void redo();
      return;
    case 'start':
    case 'stop':
    case 'runOnce':
    case 'enable':
    case 'disable':
      void controlSelection(action);
      return;
    case 'configure': {
      const [only, ...more] = currentSelection().processors;
      if (only !== undefined && more.length === 0) ui.openPanel({ kind: 'processor', id: only });
      return;
    }
    case 'fitView':
      fitView();
      return;
    case 'toggleSnap':
      ui.toggleSnapToGrid();
      return;
    case 'toggleTheme':
      ui.toggleTheme();
      return;
    case 'help':
      ui.setShortcutsOpen(!ui.shortcutsOpen);
      return;
    case 'escape':
      // The innermost thing open closes first.
      if (ui.menu) ui.openMenu(null);
      else if (ui.shortcutsOpen) ui.setShortcutsOpen(false);
      else if (ui.connectRequest) ui.requestConnect(null);
      else if (ui.panel) ui.openPanel(null);
      else useCanvasStore.getState().select([]);
      return;
    default: {
      const _exhaustive: never = action;
      return _exhaustive;
    }
  }
}

/**
 * The editor's keyboard shortcuts (see SHORTCUTS), on the whole window. Keys typed in a text
 * field, a dialog, a menu or the side panel are left to them.
 */
export function useShortcuts(): void {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const action = shortcutOf(event);
      if (action === null) return;
      if (action === 'escape' ? inTextField(event.target) : belongsToTarget(event.target)) return;
      event.preventDefault();
      run(action, () => void fitView(FIT_VIEW_OPTIONS));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [fitView]);
}
