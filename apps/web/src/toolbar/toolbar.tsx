import { useReactFlow } from '@xyflow/react';
import { BulletinButton } from '../bulletins/bulletin-button.js';
import { FIT_VIEW_OPTIONS } from '../canvas/viewport.js';
import { startAll, stopAll } from '../actions/control.js';
import { redo, undo } from '../actions/edit.js';
import { controlSelection } from '../actions/selection.js';
import {
  FitIcon,
  GridIcon,
  KeyIcon,
  KeyboardIcon,
  MoonIcon,
  PlayIcon,
  PlugIcon,
  RedoIcon,
  StopIcon,
  SunIcon,
  UndoIcon,
} from '../chrome/icons.js';
import { useHistory } from '../commands/history.js';
import { useCanvasStore } from '../stores/canvas-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { TransferDialogs } from '../transfer/transfer-dialogs.js';
import { ProvenanceButton } from '../provenance/provenance-button.js';
import { useParametersDialog } from '../parameters/parameters-store.js';
import { useServicesDialog } from '../controller-services/services-dialog-store.js';
import { useCan } from '../auth/permissions.js';
import { UserMenu } from '../auth/user-menu.js';
import { FlowPicker } from './flow-picker.js';
import { ShortcutsPopover } from './shortcuts-popover.js';
import { ToolButton } from './tool-button.js';
import { TransferButtons } from './transfer-buttons.js';
import { VersionsButton } from '../versions/versions-button.js';
import './toolbar.css';

/**
 * The toolbar: the flow picker, export and import, run controls for all and for the selection,
 * undo/redo, and view settings (fit, snap to grid, theme, shortcuts); and the import dialogs.
 */
export function Toolbar() {
  const hasFlow = useGraphStore((s) => s.flowId !== null);
  const hasProcessors = useGraphStore((s) => s.processors.length > 0);
  const hasSelection = useCanvasStore((s) =>
    s.nodes.some((n) => n.selected && n.type === 'processor'),
  );
  const history = useHistory();
  const canOperate = useCan('operator');
  const theme = useUiStore((s) => s.theme);
  const snapToGrid = useUiStore((s) => s.snapToGrid);
  const shortcutsOpen = useUiStore((s) => s.shortcutsOpen);
  const ui = useUiStore.getState();
  const { fitView } = useReactFlow();

  return (
    <>
      <header className="toolbar" role="toolbar" aria-label="Editor">
        <div className="brand" aria-hidden="true">
          <span className="brand-mark" />
          Sluice
        </div>
        <FlowPicker />
        <TransferButtons />
        <VersionsButton />
        <ToolButton
          name="Parameters"
          icon={KeyIcon}
          hint="the flow's parameter contexts"
          disabled={!hasFlow}
          onClick={() => useParametersDialog.getState().setOpen(true)}
        />
        <ToolButton
          name="Controller Services"
          icon={PlugIcon}
          hint="the flow's shared clients processors refer to"
          disabled={!hasFlow}
          onClick={() => useServicesDialog.getState().openAt(null)}
        />
        <div className="toolbar-group" aria-label="Run">
          <ToolButton
            name="Start all"
            icon={PlayIcon}
            text="Start all"
            disabled={!hasProcessors || !canOperate}
            onClick={() => void startAll()}
          />
          <ToolButton
            name="Stop all"
            icon={StopIcon}
            text="Stop all"
            disabled={!hasProcessors || !canOperate}
            onClick={() => void stopAll()}
          />
          <span className="toolbar-divider" />
          <ToolButton
            name="Start selection"
            icon={PlayIcon}
            hint="S"
            disabled={!hasSelection || !canOperate}
            onClick={() => void controlSelection('start')}
          />
          <ToolButton
            name="Stop selection"
            icon={StopIcon}
            hint="Shift+S"
            disabled={!hasSelection || !canOperate}
            onClick={() => void controlSelection('stop')}
          />
        </div>
        <div className="toolbar-group" aria-label="History">
          <ToolButton
            name="Undo"
            icon={UndoIcon}
            hint={history.undoLabel ? `${history.undoLabel}, Ctrl+Z` : 'Ctrl+Z'}
            disabled={!hasFlow || !history.canUndo}
            onClick={() => void undo()}
          />
          <ToolButton
            name="Redo"
            icon={RedoIcon}
            hint={history.redoLabel ? `${history.redoLabel}, Ctrl+Shift+Z` : 'Ctrl+Shift+Z'}
            disabled={!hasFlow || !history.canRedo}
            onClick={() => void redo()}
          />
          {history.busy && <span className="toolbar-busy" role="status" aria-label="Saving" />}
        </div>
        <div className="toolbar-spacer" />
        <ProvenanceButton />
        <BulletinButton />
        <div className="toolbar-group" aria-label="View">
          <ToolButton
            name="Fit view"
            icon={FitIcon}
            hint="F"
            onClick={() => void fitView(FIT_VIEW_OPTIONS)}
          />
          <ToolButton
            name="Snap to grid"
            icon={GridIcon}
            hint="G"
            pressed={snapToGrid}
            onClick={ui.toggleSnapToGrid}
          />
          <ToolButton
            name="Toggle theme"
            icon={theme === 'dark' ? SunIcon : MoonIcon}
            hint={`now ${theme}, Shift+T`}
            onClick={ui.toggleTheme}
          />
          <div className="popover-anchor">
            <ToolButton
              name="Keyboard shortcuts"
              icon={KeyboardIcon}
              hint="?"
              pressed={shortcutsOpen}
              onClick={() => ui.setShortcutsOpen(!shortcutsOpen)}
            />
            {shortcutsOpen && <ShortcutsPopover />}
          </div>
        </div>
        <UserMenu />
      </header>
      {/* Outside the toolbar role: a dialog is not a toolbar control. */}
      <TransferDialogs />
    </>
  );
}
