/** Where a connection is drawn: its SVG path and where its label sits. */
export interface EdgeGeometry {
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
}

/** The ends of an edge (source handle on a card's right, target handle on the left). */
export interface EdgeEnds {
  readonly sourceX: number;
  readonly sourceY: number;
  readonly targetX: number;
  readonly targetY: number;
}

/** How far apart the labels of parallel forward connections are drawn. */
const PARALLEL_GAP = 70;
/** How far apart the labels of parallel connections routed around are drawn (labels are wide). */
const PARALLEL_GAP_AROUND = 130;
/** How far a route leaves a handle straight before it turns. */
const LEAD = 50;
/** Below this horizontal distance a destination counts as behind its source. */
const FORWARD_MIN = 0;
/** Clearance of a route around cards on one row (about a card's half height plus a margin). */
const ROW_CLEARANCE = 110;

/**
 * The route of a connection. A destination ahead of its source gets a horizontal bezier (the
 * parallel ones bow out to alternate sides). A destination behind its source (a flow laid out
 * top to bottom, as NiFi's usually are) is reached by leaving the source rightwards, crossing
 * back through the gap between the two cards, and entering the destination from its left, so
 * the line never cuts through a card. A connection from a processor to itself loops over it.
 */
export function edgeGeometry(
  ends: EdgeEnds,
  parallelIndex = 0,
  parallelCount = 1,
  selfLoop = false,
): EdgeGeometry {
  const { sourceX: sx, sourceY: sy, targetX: tx, targetY: ty } = ends;
  const centred = parallelIndex - (parallelCount - 1) / 2;
  if (selfLoop) return around(ends, (sx + tx) / 2, sy - ROW_CLEARANCE - parallelIndex * 60);
  if (tx - sx < FORWARD_MIN) {
    const sameRow = Math.abs(ty - sy) < ROW_CLEARANCE * 0.8;
    const midY = sameRow ? Math.max(sy, ty) + ROW_CLEARANCE : (sy + ty) / 2;
    return around(ends, (sx + tx) / 2 + centred * PARALLEL_GAP_AROUND, midY);
  }
  const pull = Math.max(40, (tx - sx) / 2);
  let c1x = sx + pull;
  let c1y = sy;
  let c2x = tx - pull;
  let c2y = ty;
  if (centred !== 0) {
    const length = Math.hypot(tx - sx, ty - sy) || 1;
    // A unit normal of the straight line between the ends.
    const nx = -(ty - sy) / length;
    const ny = (tx - sx) / length;
    // A cubic's midpoint moves by 3/4 of a shift of both control points.
    const offset = (centred * PARALLEL_GAP * 4) / 3;
    c1x += nx * offset;
    c1y += ny * offset;
    c2x += nx * offset;
    c2y += ny * offset;
  }
  return {
    path: `M${sx},${sy} C${c1x},${c1y} ${c2x},${c2y} ${tx},${ty}`,
    // The curve at t = 1/2.
    labelX: 0.125 * sx + 0.375 * c1x + 0.375 * c2x + 0.125 * tx,
    labelY: 0.125 * sy + 0.375 * c1y + 0.375 * c2y + 0.125 * ty,
  };
}

/**
 * Two cubic segments through a middle point (where the label goes), leaving the source to the
 * right and entering the target from the left, horizontal at the middle point.
 */
function around(ends: EdgeEnds, midX: number, midY: number): EdgeGeometry {
  const { sourceX: sx, sourceY: sy, targetX: tx, targetY: ty } = ends;
  const reach = Math.max(LEAD, (sx - midX) / 1.5);
  const back = Math.max(LEAD, (midX - tx) / 1.5);
  const path =
    `M${sx},${sy} C${sx + LEAD * 1.6},${sy} ${midX + reach},${midY} ${midX},${midY}` +
    ` C${midX - back},${midY} ${tx - LEAD * 1.6},${ty} ${tx},${ty}`;
  return { path, labelX: midX, labelY: midY };
}
