import {
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type NodeChange,
  type OnNodeDrag,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, type DragEvent, type MouseEvent } from 'react';
import type { Position } from '../api/types.js';
import type { Move } from '../commands/move-components.js';
import { addProcessorAt, moved as saveMoves } from '../actions/add.js';
import { canConnect } from '../graph/connect-rules.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useCanvasStore } from '../stores/canvas-store.js';
import { findProcessor } from '../stores/graph-store.js';
import { useNoticesStore } from '../stores/notices-store.js';
import { useUiStore } from '../stores/ui-store.js';
import type { CanvasNode, ConnectionEdge } from './types.js';
import { cardCornerAt } from './viewport.js';

/** The drag-and-drop type a palette item carries: the processor type's name. */
export const PROCESSOR_DRAG_TYPE = 'application/x-sluice-processor-type';

/** How long after the last arrow key a keyboard move is saved, so a run of presses is one edit. */
const KEYBOARD_MOVE_SAVE_MS = 500;

/** Whether xyflow's proposed connection follows the canvas's rules (see canConnect). */
function checkConnection(connection: Connection | Edge) {
  return canConnect(
    findProcessor(connection.source),
    findProcessor(connection.target),
    useCatalogStore.getState().byType,
  );
}

/**
 * The canvas's event handlers, stable across renders: dragging (saved as one undoable move on
 * drop, or when arrow keys rest), connecting (checked live, then the relationship dialog), menus, the drawer, and drops
 * from the palette.
 */
export function useCanvasHandlers() {
  const { screenToFlowPosition } = useReactFlow<CanvasNode, ConnectionEdge>();
  const dragStart = useRef(new Map<string, Position>());

  const onNodeDragStart = useCallback<OnNodeDrag<CanvasNode>>((_event, _node, nodes) => {
    dragStart.current = new Map(nodes.map((n) => [n.id, { ...n.position }]));
  }, []);

  // Arrow keys move selected nodes too (xyflow's keyboard access), without any drag events:
  // those moves are gathered here and saved as one undoable move once the keys rest.
  const keyboardMoves = useRef(new Map<string, Move>());
  const keyboardTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(keyboardTimer.current), []);
  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    if (dragStart.current.size === 0) {
      const nodes = new Map(useCanvasStore.getState().nodes.map((n) => [n.id, n]));
      let moved = false;
      for (const change of changes) {
        const node = nodes.get(change.type === 'position' ? change.id : '');
        if (change.type !== 'position' || !change.position || !node) continue;
        const from = keyboardMoves.current.get(change.id)?.from ?? node.position;
        const kind = node.type === 'label' ? 'label' : 'processor';
        keyboardMoves.current.set(change.id, { kind, id: change.id, from, to: change.position });
        moved = true;
      }
      if (moved) {
        clearTimeout(keyboardTimer.current);
        keyboardTimer.current = setTimeout(() => {
          const moves = [...keyboardMoves.current.values()];
          keyboardMoves.current = new Map();
          void saveMoves(moves);
        }, KEYBOARD_MOVE_SAVE_MS);
      }
    }
    useCanvasStore.getState().onNodesChange(changes);
  }, []);

  const onNodeDragStop = useCallback<OnNodeDrag<CanvasNode>>((_event, _node, nodes) => {
    const start = dragStart.current;
    void saveMoves(
      nodes
        .filter((n) => start.has(n.id))
        .map((n) => ({
          kind: n.type === 'label' ? ('label' as const) : ('processor' as const),
          id: n.id,
          from: start.get(n.id)!,
          to: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
        })),
    );
    dragStart.current = new Map();
  }, []);

  const isValidConnection = useCallback((c: Connection | Edge) => checkConnection(c).ok, []);

  const onConnect = useCallback((c: Connection) => {
    useUiStore.getState().requestConnect({ source: c.source, destination: c.target });
  }, []);

  // Dropping a connection on a processor that refuses it says why, rather than doing nothing.
  const onConnectEnd = useCallback((_event: unknown, state: FinalConnectionState) => {
    if (state.isValid !== false || !state.fromNode || !state.toNode) return;
    const check = checkConnection({
      source: state.fromNode.id,
      target: state.toNode.id,
      sourceHandle: null,
      targetHandle: null,
    });
    if (!check.ok) useNoticesStore.getState().showError(`Cannot connect: ${check.reason}`);
  }, []);

  // Shift/Ctrl/Cmd-click adds a card to the selection or takes it out. Done here from the
  // selection as it was before the press, because with drags starting on press xyflow selects
  // on mouse down, before it has seen the modifier key's keydown (its key state lags a render).
  const selectionBeforePress = useRef<readonly string[]>([]);
  const onPointerDownCapture = useCallback(() => {
    const { nodes, edges } = useCanvasStore.getState();
    selectionBeforePress.current = [...nodes, ...edges].filter((c) => c.selected).map((c) => c.id);
  }, []);
  const onNodeClick = useCallback((event: MouseEvent, node: CanvasNode) => {
    if (!(event.shiftKey || event.ctrlKey || event.metaKey)) return;
    const before = selectionBeforePress.current;
    useCanvasStore
      .getState()
      .select(
        before.includes(node.id) ? before.filter((id) => id !== node.id) : [...before, node.id],
      );
  }, []);

  const onNodeDoubleClick = useCallback((_event: MouseEvent, node: CanvasNode) => {
    if (node.type === 'processor')
      useUiStore.getState().openPanel({ kind: 'processor', id: node.id });
  }, []);

  const onNodeContextMenu = useCallback((event: MouseEvent, node: CanvasNode) => {
    event.preventDefault();
    if (node.type !== 'processor') return;
    // A right-click outside the selection acts on that card alone, as in NiFi.
    if (!node.selected) useCanvasStore.getState().select([node.id]);
    useUiStore
      .getState()
      .openMenu({ kind: 'processor', id: node.id, x: event.clientX, y: event.clientY });
  }, []);

  const onEdgeContextMenu = useCallback((event: MouseEvent, edge: ConnectionEdge) => {
    event.preventDefault();
    useUiStore
      .getState()
      .openMenu({ kind: 'connection', id: edge.id, x: event.clientX, y: event.clientY });
  }, []);

  const onEdgeDoubleClick = useCallback((_event: MouseEvent, edge: ConnectionEdge) => {
    useUiStore.getState().openPanel({ kind: 'connection', id: edge.id });
  }, []);

  const onPaneContextMenu = useCallback(
    (event: MouseEvent | globalThis.MouseEvent) => {
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      useUiStore.getState().openMenu({ kind: 'pane', x: event.clientX, y: event.clientY, at });
    },
    [screenToFlowPosition],
  );

  const onPaneClick = useCallback(() => useUiStore.getState().openMenu(null), []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PROCESSOR_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PROCESSOR_DRAG_TYPE);
      if (!type) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      void addProcessorAt(type, cardCornerAt(point));
    },
    [screenToFlowPosition],
  );

  return useMemo(
    () => ({
      onPointerDownCapture,
      onNodeClick,
      onNodesChange,
      onNodeDragStart,
      onNodeDragStop,
      isValidConnection,
      onConnect,
      onConnectEnd,
      onNodeDoubleClick,
      onNodeContextMenu,
      onEdgeContextMenu,
      onEdgeDoubleClick,
      onPaneContextMenu,
      onPaneClick,
      onDragOver,
      onDrop,
    }),
    [
      onPointerDownCapture,
      onNodeClick,
      onNodesChange,
      onNodeDragStart,
      onNodeDragStop,
      isValidConnection,
      onConnect,
      onConnectEnd,
      onNodeDoubleClick,
      onNodeContextMenu,
      onEdgeContextMenu,
      onEdgeDoubleClick,
      onPaneContextMenu,
      onPaneClick,
      onDragOver,
      onDrop,
    ],
  );
}
