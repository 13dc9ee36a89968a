import { useReactFlow } from '@xyflow/react';
import { FIT_VIEW_OPTIONS } from '../canvas/viewport.js';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { addLabelAt } from '../actions/add.js';
import { canPaste, copySelection, paste } from '../actions/clipboard.js';
import { control } from '../actions/control.js';
import { deleteComponent, deleteSelection, selectAll, targetsOf } from '../actions/selection.js';
import { displayState, type DisplayState } from '../graph/display-state.js';
import { useQueueInspectorStore } from '../queue-inspector/inspector-store.js';
import { useStatusHistory } from '../status-history/status-history-store.js';
import { openProvenance } from '../provenance/provenance-actions.js';
import { findProcessor } from '../stores/graph-store.js';
import { useStatsStore } from '../stores/stats-store.js';
import { useUiStore, type MenuTarget } from '../stores/ui-store.js';
import { allows, needsRole, useRole, type Role } from '../auth/permissions.js';
import './context-menu.css';

/** One entry of a context menu. */
interface MenuItem {
  readonly name: string;
  /** The least role that may run it (the server checks too); anyone when absent. */
  readonly needs?: Role;
  readonly hint?: string;
  readonly disabled?: boolean;
  readonly danger?: boolean;
  readonly separatorBefore?: boolean;
  run(): void;
}

/** The items of a processor's menu, enabled by what its state allows. */
function processorItems(id: string, state: DisplayState): MenuItem[] {
  const targets = () => targetsOf(id);
  const ui = useUiStore.getState();
  return [
    {
      name: 'Start',
      needs: 'operator',
      hint: 'S',
      disabled: state === 'RUNNING' || state === 'DISABLED',
      run: () => void control('start', targets()),
    },
    {
      name: 'Stop',
      needs: 'operator',
      hint: 'Shift+S',
      disabled: state !== 'RUNNING',
      run: () => void control('stop', targets()),
    },
    {
      name: 'Run once',
      needs: 'operator',
      hint: 'R',
      disabled: state === 'RUNNING' || state === 'DISABLED',
      run: () => void control('runOnce', targets()),
    },
    {
      name: 'Configure',
      hint: 'Enter',
      separatorBefore: true,
      run: () => ui.openPanel({ kind: 'processor', id }),
    },
    {
      name: 'Enable',
      needs: 'operator',
      hint: 'E',
      disabled: state !== 'DISABLED',
      run: () => void control('enable', targets()),
    },
    {
      name: 'Disable',
      needs: 'operator',
      hint: 'D',
      disabled: state === 'RUNNING' || state === 'DISABLED',
      run: () => void control('disable', targets()),
    },
    {
      name: 'Status history',
      run: () => useStatusHistory.getState().show({ kind: 'processor', id }),
    },
    { name: 'View provenance', run: () => void openProvenance({ componentId: id }) },
    { name: 'Copy', hint: 'Ctrl+C', separatorBefore: true, run: () => void copySelection() },
    {
      name: 'Delete',
      hint: 'Del',
      needs: 'editor',
      danger: true,
      run: () => void deleteSelection(),
    },
  ];
}

function connectionItems(id: string): MenuItem[] {
  return [
    { name: 'Configure', run: () => useUiStore.getState().openPanel({ kind: 'connection', id }) },
    { name: 'List queue', run: () => useQueueInspectorStore.getState().open(id) },
    // Asks first, saying how many will be dropped (queue-inspector/empty-queue-dialog.tsx).
    {
      name: 'Empty queue',
      needs: 'operator',
      run: () => useQueueInspectorStore.getState().requestEmpty(id),
    },
    {
      name: 'Status history',
      run: () => useStatusHistory.getState().show({ kind: 'connection', id }),
    },
    {
      name: 'Delete',
      needs: 'editor',
      danger: true,
      separatorBefore: true,
      run: () => void deleteComponent('connection', id),
    },
  ];
}

function paneItems(menu: Extract<MenuTarget, { kind: 'pane' }>, fit: () => void): MenuItem[] {
  return [
    { name: 'Add label', needs: 'editor', run: () => void addLabelAt(menu.at) },
    {
      name: 'Paste',
      needs: 'editor',
      hint: 'Ctrl+V',
      disabled: !canPaste(),
      run: () => void paste(),
    },
    { name: 'Select all', hint: 'Ctrl+A', separatorBefore: true, run: selectAll },
    { name: 'Fit view', hint: 'F', run: fit },
  ];
}

/**
 * The context menu of a card, a connection or the canvas: a `role="menu"` of `menuitem`s
 * (arrow keys move, Enter runs, Escape or a click elsewhere closes).
 */
export function ContextMenu() {
  const menu = useUiStore((s) => s.menu);
  if (!menu) return null;
  return <OpenMenu key={`${menu.kind}:${menu.x}:${menu.y}`} menu={menu} />;
}

function OpenMenu({ menu }: { readonly menu: MenuTarget }) {
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState({ left: menu.x, top: menu.y });
  const { fitView } = useReactFlow();
  const status = useStatsStore((s) =>
    menu.kind === 'processor' ? s.processors[menu.id] : undefined,
  );
  const close = () => useUiStore.getState().openMenu(null);
  const role = useRole();

  let items: MenuItem[];
  if (menu.kind === 'processor') {
    const processor = findProcessor(menu.id);
    items = processor ? processorItems(menu.id, displayState(processor, status)) : [];
  } else if (menu.kind === 'connection') {
    items = connectionItems(menu.id);
  } else {
    items = paneItems(menu, () => void fitView(FIT_VIEW_OPTIONS));
  }

  // Keep the menu inside the window, and put the focus on its first item.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const { width, height } = element.getBoundingClientRect();
    setPlace({
      left: Math.max(4, Math.min(menu.x, window.innerWidth - width - 4)),
      top: Math.max(4, Math.min(menu.y, window.innerHeight - height - 4)),
    });
    element.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
  }, [menu.x, menu.y]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) close();
    };
    const onScroll = () => close();
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('wheel', onScroll, { passive: true });
    window.addEventListener('blur', onScroll);
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('wheel', onScroll);
      window.removeEventListener('blur', onScroll);
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const enabled = [
      ...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? []),
    ];
    const index = enabled.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      enabled[(index + step + enabled.length) % enabled.length]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      close();
    }
  };

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={
        menu.kind === 'pane' ? 'Canvas' : menu.kind === 'processor' ? 'Processor' : 'Connection'
      }
      style={place}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item) => {
        const refused = item.needs !== undefined && !allows(role, item.needs);
        return (
          <div key={item.name} role="none">
            {item.separatorBefore && <div className="menu-separator" role="separator" />}
            <button
              type="button"
              role="menuitem"
              className={`menu-item${item.danger ? ' danger' : ''}`}
              disabled={item.disabled || refused}
              title={refused ? needsRole(item.needs!) : undefined}
              onClick={() => {
                close();
                item.run();
              }}
            >
              <span>{item.name}</span>
              {item.hint && <kbd aria-hidden="true">{item.hint}</kbd>}
            </button>
          </div>
        );
      })}
    </div>
  );
}
