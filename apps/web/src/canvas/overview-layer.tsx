import { useStore, useStoreApi, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import type { ProcessorView } from '../api/types.js';
import { displayState } from '../graph/display-state.js';
import { useCanvasStore } from '../stores/canvas-store.js';
import { useStatsStore } from '../stores/stats-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { overviewFillKey, parseOverviewFill } from './detail-level.js';
import {
  buildOverviewScene,
  idsInRect,
  OVERVIEW_FILL_SIZE,
  type OverviewScene,
  type SceneConnection,
  type SceneNote,
  type SceneProcessor,
} from './overview-scene.js';
import type { CanvasNode, ConnectionEdge } from './types.js';
import './overview-layer.css';

/**
 * The zoomed-out canvas as ONE `<svg>` in xyflow's viewport (see detail-level.ts): every card
 * (name on its state colour), note, connection curve and fill bar. xyflow then has no node or
 * edge of its own to position, measure or select on each frame of a pan (one element and a
 * dozen store selectors per node, edge and handle), so a pan only moves this one layer. Cards and
 * fill bars still select on click (Shift/Ctrl/Cmd adds), open their settings on double-click and
 * their menu on right-click, and a Shift-drag box selects what it covers. A card is not dragged
 * nor connected at this zoom; a press on a shape does not pan either (`nopan`): a pan marks the
 * pane as dragged, whose layer would take the release and turn the click into a pane click.
 * Each shape follows only its own live figure, as the HTML cards and labels do.
 */
export function OverviewLayer() {
  const nodes = useCanvasStore((s) => s.nodes) as CanvasNode[];
  const edges = useCanvasStore((s) => s.edges) as ConnectionEdge[];
  const scene = useMemo(() => buildOverviewScene(nodes, edges), [nodes, edges]);
  useBoxSelection(scene);
  const { bounds } = scene;
  return (
    <ViewportPortal>
      <svg
        className="overview-layer"
        data-testid="overview-layer"
        style={{ left: bounds.x, top: bounds.y }}
        width={bounds.width}
        height={bounds.height}
        viewBox={`${bounds.x} ${bounds.y} ${bounds.width} ${bounds.height}`}
        onClick={onClick}
        onDoubleClick={onDoubleClick}
        onContextMenu={onContextMenu}
      >
        <defs>
          <marker
            id="overview-arrow"
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="5"
            markerHeight="5"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" className="overview-arrow" />
          </marker>
        </defs>
        {scene.notes.map((n) => (
          <OverviewNote key={n.id} {...n} />
        ))}
        {scene.connections.map((c) => (
          <OverviewCurve key={c.id} path={c.path} selected={c.selected} />
        ))}
        {scene.connections.map((c) => (
          <OverviewFill key={c.id} {...c} />
        ))}
        {scene.processors.map((p) => (
          <OverviewCard key={p.id} {...p} />
        ))}
      </svg>
    </ViewportPortal>
  );
}

const OverviewNote = memo(function OverviewNote({ id, x, y, width, height, selected }: SceneNote) {
  return (
    <rect
      className={`overview-note overview-hit nopan${selected ? ' selected' : ''}`}
      data-testid="label-node"
      data-kind="label"
      data-id={id}
      x={x}
      y={y}
      width={width}
      height={height}
      rx={6}
    />
  );
});

const OverviewCurve = memo(function OverviewCurve(props: {
  readonly path: string;
  readonly selected: boolean;
}) {
  return (
    <path
      className={`overview-curve${props.selected ? ' selected' : ''}`}
      d={props.path}
      markerEnd="url(#overview-arrow)"
    />
  );
});

const OverviewFill = memo(function OverviewFill(props: SceneConnection) {
  const { id, labelX, labelY, selected, connection } = props;
  const threshold = connection.backPressure.objectThreshold;
  const key = useStatsStore((s) => overviewFillKey(s.connections[id], threshold));
  const { level, percent } = parseOverviewFill(key);
  const { width, height } = OVERVIEW_FILL_SIZE;
  const x = labelX - width / 2;
  const y = labelY - height / 2;
  return (
    <g
      className={`overview-fill overview-hit nopan level-${level}${selected ? ' selected' : ''}`}
      data-testid="connection-label"
      data-kind="connection"
      data-id={id}
      data-level={level}
    >
      <rect className="overview-fill-box" x={x} y={y} width={width} height={height} rx={6} />
      <rect className="overview-fill-track" x={x + 6} y={y + 7} width={width - 12} height={14} />
      <rect
        className="overview-fill-bar"
        x={x + 6}
        y={y + 7}
        width={((width - 12) * percent) / 100}
        height={14}
      />
    </g>
  );
});

const OverviewCard = memo(function OverviewCard(props: SceneProcessor) {
  const { id, processor, name, x, y, width, height, selected } = props;
  const state = useCardState(id, processor);
  return (
    <g
      className={`overview-card overview-hit nopan state-${state.toLowerCase()}${selected ? ' selected' : ''}`}
      data-testid="processor-card"
      data-kind="processor"
      data-id={id}
      data-name={processor.name}
      data-state={state}
    >
      <rect className="overview-card-box" x={x} y={y} width={width} height={height} rx={8} />
      <rect className="overview-card-state" x={x} y={y} width={12} height={height} rx={4} />
      <text className="overview-card-name" x={x + 24} y={y + height / 2}>
        {name}
      </text>
    </g>
  );
});

/** A card's display state, from its own stats entry (a tick of another card never renders it). */
function useCardState(id: string, processor: ProcessorView) {
  return useStatsStore((s) => displayState(processor, s.processors[id]));
}

/** The shape under an event, by the `data-kind` and `data-id` its group carries. */
function hitOf(event: MouseEvent): { kind: string; id: string } | null {
  const el = (event.target as Element).closest('[data-kind]');
  const kind = el?.getAttribute('data-kind');
  const id = el?.getAttribute('data-id');
  return kind && id ? { kind, id } : null;
}

function onClick(event: MouseEvent) {
  const hit = hitOf(event);
  if (!hit) return;
  event.stopPropagation();
  const additive = event.shiftKey || event.metaKey || event.ctrlKey;
  if (!additive) {
    useCanvasStore.getState().select([hit.id]);
    return;
  }
  const { nodes, edges, select } = useCanvasStore.getState();
  const selected = [...nodes, ...edges].filter((c) => c.selected).map((c) => c.id);
  select(selected.includes(hit.id) ? selected.filter((s) => s !== hit.id) : [...selected, hit.id]);
}

function onDoubleClick(event: MouseEvent) {
  const hit = hitOf(event);
  if (!hit) return;
  event.stopPropagation();
  if (hit.kind === 'processor') useUiStore.getState().openPanel({ kind: 'processor', id: hit.id });
  if (hit.kind === 'connection')
    useUiStore.getState().openPanel({ kind: 'connection', id: hit.id });
}

function onContextMenu(event: MouseEvent) {
  const hit = hitOf(event);
  if (!hit) return;
  event.preventDefault();
  event.stopPropagation();
  const at = { x: event.clientX, y: event.clientY };
  if (hit.kind === 'processor') {
    // A right-click outside the selection acts on that card alone, as in NiFi.
    const node = useCanvasStore.getState().nodes.find((n) => n.id === hit.id);
    if (!node?.selected) useCanvasStore.getState().select([hit.id]);
    useUiStore.getState().openMenu({ kind: 'processor', id: hit.id, ...at });
  } else if (hit.kind === 'connection') {
    useUiStore.getState().openMenu({ kind: 'connection', id: hit.id, ...at });
  }
}

const selectionRect = (s: ReactFlowState) => (s.userSelectionActive ? s.userSelectionRect : null);

/**
 * A Shift-drag box over the overview selects what it covers. xyflow's own box skips hidden
 * nodes (and the overview hides them all), so its rectangle is read here and tested against
 * the scene.
 */
function useBoxSelection(scene: OverviewScene): void {
  const store = useStoreApi();
  const rect = useStore(selectionRect);
  const last = useRef('');
  useEffect(() => {
    if (!rect) {
      last.current = '';
      return;
    }
    const [tx, ty, zoom] = store.getState().transform;
    // Selecting rebuilds the scene and runs this again: the same ids then change nothing.
    const ids = idsInRect(scene, {
      x: (rect.x - tx) / zoom,
      y: (rect.y - ty) / zoom,
      width: rect.width / zoom,
      height: rect.height / zoom,
    });
    const key = ids.join('\n');
    if (key === last.current) return;
    last.current = key;
    useCanvasStore.getState().select(ids);
  }, [rect, scene, store]);
}
