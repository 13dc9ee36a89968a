import {
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type DefaultEdgeOptions,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { GRID } from '../actions/add.js';
import { useCanvasStore } from '../stores/canvas-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { CanvasDots } from './canvas-dots.js';
import { useDetailLevel } from './detail-level.js';
import { EmptyHint } from './empty-hint.js';
import { edgeTypes, nodeTypes } from './node-types.js';
import { OverviewLayer } from './overview-layer.js';
import { DiffGhosts } from '../versions/diff-ghosts.js';
import { useCan } from '../auth/permissions.js';
import type { CanvasNode, ConnectionEdge } from './types.js';
import { useCanvasHandlers } from './use-canvas-handlers.js';
import { FIT_VIEW_OPTIONS } from './viewport.js';
import './flow-canvas.css';

const SNAP_GRID: [number, number] = [GRID, GRID];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const minimapNodeClass = (node: CanvasNode) => `minimap-${node.type ?? 'node'}`;
/** The overview draws the connections itself (see overview-layer.tsx); xyflow gets none. */
const NO_EDGES: ConnectionEdge[] = [];
/** A node's hidden twin, one per node object, so a flip of the level re-creates only what changed. */
const hiddenTwins = new WeakMap<CanvasNode, CanvasNode>();
function hiddenTwin(node: CanvasNode): CanvasNode {
  let twin = hiddenTwins.get(node);
  if (!twin) {
    twin = { ...node, hidden: true };
    hiddenTwins.set(node, twin);
  }
  return twin;
}

const edgeOptions: DefaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: 'var(--edge)' },
};

/**
 * The canvas: xyflow drawing the canvas store's nodes and edges. Shift-click adds to the
 * selection and Shift-drag draws a selection box; deleting goes through the keyboard shortcuts
 * (as an undoable command), so xyflow's own Delete key is off. Zoomed in, only what is in view
 * is in the DOM (xyflow's `onlyRenderVisibleElements`: each card is rendered once to be
 * measured, then only while visible), so a stats tick renders a screenful of cards, not 500.
 * Zoomed out, the canvas draws its overview of everything as one SVG layer (overview-layer.tsx):
 * xyflow's nodes are hidden (kept, with their measured sizes, for fit view and the zoom back in)
 * and it gets no edges, so a pan frame moves one layer instead of 500 cards and 600 curves.
 * The hidden twins are made when the level flips or the graph changes, never per frame.
 */
export function FlowCanvas() {
  const nodes = useCanvasStore((s) => s.nodes) as CanvasNode[];
  const edges = useCanvasStore((s) => s.edges) as ConnectionEdge[];
  const onEdgesChange = useCanvasStore((s) => s.onEdgesChange);
  const theme = useUiStore((s) => s.theme);
  const snapToGrid = useUiStore((s) => s.snapToGrid);
  const handlers = useCanvasHandlers();
  // Who may not change the flow cannot drag or wire cards either (the server refuses it anyway).
  const canEdit = useCan('editor');
  const detail = useDetailLevel();
  const loadedFlowId = useFitViewOnOpen();
  const overview = detail === 'overview';
  const shownNodes = useMemo(() => (overview ? nodes.map(hiddenTwin) : nodes), [nodes, overview]);
  const { onPaneClick } = handlers;
  // xyflow deselects only what it draws; in the overview that is nothing, so the pane does it.
  const paneClick = useCallback(() => {
    onPaneClick();
    if (overview) useCanvasStore.getState().select([]);
  }, [onPaneClick, overview]);

  return (
    <div
      className={`canvas detail-${detail}`}
      data-testid="canvas"
      // Which flow the canvas shows (set once it is loaded and its view fitted): a test waits on
      // it before editing, or its edits would race the first load and the fit.
      data-flow-id={loadedFlowId ?? undefined}
      onDragOver={handlers.onDragOver}
      onDrop={handlers.onDrop}
      onPointerDownCapture={handlers.onPointerDownCapture}
    >
      <ReactFlow<CanvasNode, ConnectionEdge>
        nodes={shownNodes}
        nodesDraggable={canEdit}
        nodesConnectable={canEdit}
        edges={overview ? NO_EDGES : edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={edgeOptions}
        onNodesChange={handlers.onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={handlers.onNodeDragStart}
        onNodeDragStop={handlers.onNodeDragStop}
        onConnect={handlers.onConnect}
        onConnectEnd={handlers.onConnectEnd}
        isValidConnection={handlers.isValidConnection}
        onNodeClick={handlers.onNodeClick}
        onNodeDoubleClick={handlers.onNodeDoubleClick}
        onNodeContextMenu={handlers.onNodeContextMenu}
        onEdgeContextMenu={handlers.onEdgeContextMenu}
        onEdgeDoubleClick={handlers.onEdgeDoubleClick}
        onPaneContextMenu={handlers.onPaneContextMenu}
        onPaneClick={paneClick}
        // A drag starts on press (as in xyflow 11), so even a pointer that jumps straight to its
        // drop point in one move (a script, a tablet) moves the card there.
        nodeDragThreshold={0}
        snapToGrid={snapToGrid}
        snapGrid={SNAP_GRID}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        zoomOnDoubleClick={false}
        minZoom={0.1}
        maxZoom={2.5}
        colorMode={theme}
        fitViewOptions={FIT_VIEW_OPTIONS}
        // Hidden nodes are left out only when xyflow culls; otherwise each still mounts its wrapper.
        onlyRenderVisibleElements
      >
        {/* Zoomed out the dots would be a grey haze redrawn on every frame of a pan. */}
        {detail === 'full' && <CanvasDots gap={GRID} />}
        {/* Zoomed out the canvas is its own overview; the minimap would redraw 500 cards per frame. */}
        {detail === 'full' && (
          <MiniMap
            pannable
            zoomable
            ariaLabel="Overview of the flow"
            nodeClassName={minimapNodeClass}
            nodeBorderRadius={4}
          />
        )}
        {overview && <OverviewLayer />}
        {/* A version diff's removed components, drawn where they were. */}
        <DiffGhosts />
        {/* Fit view is the toolbar's (one button of that name on the page). */}
        <Controls showInteractive={false} showFitView={false} />
      </ReactFlow>
      <EmptyHint />
    </div>
  );
}

/**
 * Fits the view to a flow once its cards have been measured, each time a flow is opened (an
 * empty flow gets the default view). Returns the open flow's id once it is loaded.
 */
function useFitViewOnOpen(): string | null {
  const flowId = useGraphStore((s) => (s.loaded ? s.flowId : null));
  const initialized = useNodesInitialized();
  const { fitView, setViewport } = useReactFlow();
  const fitted = useRef<string | null>(null);
  useEffect(() => {
    if (flowId === null || fitted.current === flowId) return;
    const { processors, labels } = useGraphStore.getState();
    const empty = processors.length + labels.length === 0;
    if (!initialized && !empty) return;
    fitted.current = flowId;
    // An empty flow starts at 100 %, not at whatever zoom the last flow was fitted to.
    if (empty) void setViewport({ x: 0, y: 0, zoom: 1 });
    else void fitView(FIT_VIEW_OPTIONS);
  }, [flowId, initialized, fitView, setViewport]);
  return flowId;
}
