import { memo, useMemo, type KeyboardEvent } from 'react';
import { eventCategory, shortId } from './event-category.js';
import { formatTime } from './format-time.js';
import {
  EVENT_RADIUS,
  FLOWFILE_HEIGHT,
  FLOWFILE_WIDTH,
  LANE_WIDTH,
  layoutLineage,
  type PlacedNode,
} from './lineage-layout.js';
import type { ProvenanceSelection } from './provenance-store.js';
import type { Lineage } from './types.js';

/** Props of {@link LineageGraph}. */
export interface LineageGraphProps {
  readonly lineage: Lineage;
  readonly selection: ProvenanceSelection | null;
  onSelectEvent(eventId: number): void;
  onSelectFlowFile(flowFileId: string): void;
}

function isSelected(placed: PlacedNode, selection: ProvenanceSelection | null): boolean {
  if (selection === null) return false;
  const { node } = placed;
  return selection.kind === 'event'
    ? node.kind === 'event' && node.eventId === selection.eventId
    : node.kind === 'flowfile' && node.flowFileId === selection.flowFileId;
}

function nameOf(placed: PlacedNode): string {
  const { node } = placed;
  return node.kind === 'event'
    ? `${node.eventType} by ${node.componentName ?? node.componentType}, event ${node.eventId}`
    : `FlowFile ${node.flowFileId}`;
}

/**
 * A flowfile's lineage drawn in SVG: time runs down, each flowfile keeps a lane; events are
 * circles labelled with their type and component, flowfiles are boxes, and a clone, fork or join
 * shows as links between lanes (dashed into a child, dotted from a parent). Nodes are buttons:
 * click or Enter selects one.
 */
export const LineageGraph = memo(function LineageGraph({
  lineage,
  selection,
  onSelectEvent,
  onSelectFlowFile,
}: LineageGraphProps) {
  const layout = useMemo(() => layoutLineage(lineage), [lineage]);
  const select = (placed: PlacedNode) => {
    const { node } = placed;
    if (node.kind === 'event') onSelectEvent(node.eventId);
    else onSelectFlowFile(node.flowFileId);
  };
  const onKey = (event: KeyboardEvent, placed: PlacedNode) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    select(placed);
  };

  return (
    <svg
      className="lineage-graph"
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="group"
      aria-label={`Lineage of ${lineage.flowFileId}`}
      data-testid="lineage-graph"
    >
      <defs>
        <marker
          id="lineage-arrow"
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L8,4 L0,8 z" className="lineage-arrow" />
        </marker>
      </defs>
      {layout.edges.map(({ link, path }) => (
        <path
          key={`${link.source}>${link.target}`}
          d={path}
          className={`lineage-edge ${link.kind}`}
          markerEnd="url(#lineage-arrow)"
          data-testid="lineage-edge"
          data-kind={link.kind}
        />
      ))}
      {layout.nodes.map((placed) => {
        const { node, x, y } = placed;
        const selected = isSelected(placed, selection);
        const focus = node.kind === 'flowfile' && node.flowFileId === lineage.flowFileId;
        return (
          <g
            key={node.id}
            className={`lineage-node ${node.kind}${selected ? ' selected' : ''}${focus ? ' focus' : ''}`}
            transform={`translate(${x},${y})`}
            role="button"
            tabIndex={0}
            aria-label={nameOf(placed)}
            aria-pressed={selected}
            data-testid="lineage-node"
            data-kind={node.kind}
            data-flowfile-id={node.flowFileId}
            {...(node.kind === 'event'
              ? { 'data-event-type': node.eventType, 'data-event-id': node.eventId }
              : {})}
            onClick={() => select(placed)}
            onKeyDown={(event) => onKey(event, placed)}
          >
            {node.kind === 'event' ? (
              <>
                <title>
                  {`${node.eventType} · ${node.componentName ?? node.componentType} · ${formatTime(node.time)}`}
                </title>
                {/* The whole node, label included, takes the click. */}
                <rect
                  x={-EVENT_RADIUS - 4}
                  y={-EVENT_RADIUS - 4}
                  width={LANE_WIDTH - 30}
                  height={2 * EVENT_RADIUS + 8}
                  rx={6}
                  className="lineage-hit"
                />
                <circle
                  r={EVENT_RADIUS}
                  className={`lineage-event ${eventCategory(node.eventType)}`}
                />
                <text x={EVENT_RADIUS + 7} y={-2} className="lineage-label">
                  {node.eventType}
                </text>
                <text x={EVENT_RADIUS + 7} y={11} className="lineage-sublabel">
                  {node.componentName ?? node.componentType}
                </text>
              </>
            ) : (
              <>
                <title>{`FlowFile ${node.flowFileId}`}</title>
                <rect
                  x={-FLOWFILE_WIDTH / 2}
                  y={-FLOWFILE_HEIGHT / 2}
                  width={FLOWFILE_WIDTH}
                  height={FLOWFILE_HEIGHT}
                  rx={FLOWFILE_HEIGHT / 2}
                  className="lineage-flowfile"
                />
                <text y={4} textAnchor="middle" className="lineage-id">
                  {shortId(node.flowFileId)}
                </text>
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
});
