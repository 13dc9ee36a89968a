import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useDiffStore } from '../versions/diff-store.js';
import { ConnectionLabel } from './connection-label.js';
import { edgeGeometry } from './edge-path.js';
import type { ConnectionEdge as ConnectionEdgeType } from './types.js';
import './connection-edge.css';

/**
 * A connection on the canvas: a curve with an arrow, and its label (which alone follows the
 * live stats). Memoized and declared once, like the cards.
 */
function ConnectionEdgeView(props: EdgeProps<ConnectionEdgeType>) {
  const { id, source, target, data, selected, markerEnd, sourceX, sourceY, targetX, targetY } =
    props;
  const { path, labelX, labelY } = edgeGeometry(
    { sourceX, sourceY, targetX, targetY },
    data?.parallelIndex ?? 0,
    data?.parallelCount ?? 1,
    source === target,
  );
  const connection = data?.connection;
  // Only while a version diff is shown, and only for the connections it names.
  const diffMark = useDiffStore((s) => s.marks[id]);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={18}
        className={`connection-path${selected ? ' selected' : ''}${diffMark ? ` diff-${diffMark}` : ''}`}
      />
      {connection && (
        <EdgeLabelRenderer>
          <ConnectionLabel
            id={id}
            relationships={connection.relationships}
            name={connection.name}
            objectThreshold={connection.backPressure.objectThreshold}
            x={labelX}
            y={labelY}
            selected={Boolean(selected)}
          />
        </EdgeLabelRenderer>
      )}
    </>
  );
}

/** The connection edge type. */
export const ConnectionEdge = memo(ConnectionEdgeView);
