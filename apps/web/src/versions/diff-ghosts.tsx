import { ViewportPortal } from '@xyflow/react';
import { useMemo } from 'react';
import { useGraphStore } from '../stores/graph-store.js';
import { useDiffStore } from './diff-store.js';
import { CARD_HEIGHT, CARD_WIDTH, ghostsOf, type Ghosts } from './ghosts.js';
import './versions.css';

/**
 * The diff's ghosts on the canvas (inside `<ReactFlow>`): components the diff names that the
 * canvas does not show, such as removed processors, drawn dashed where their version had them,
 * in the viewport's own coordinates so they pan and zoom with the cards. Nothing while no diff
 * is shown; they take no pointer events, so the canvas works as usual beneath them.
 */
export function DiffGhosts() {
  const diff = useDiffStore((s) => s.diff);
  const processors = useGraphStore((s) => s.processors);
  const labels = useGraphStore((s) => s.labels);
  const connections = useGraphStore((s) => s.connections);
  const ghosts: Ghosts | null = useMemo(
    () =>
      diff &&
      ghostsOf(diff, {
        processors: new Map(processors.map((p) => [p.id, p.position])),
        labels: new Set(labels.map((l) => l.id)),
        connections: new Set(connections.map((c) => c.id)),
      }),
    [diff, processors, labels, connections],
  );
  if (!ghosts) return null;
  return (
    <ViewportPortal>
      <svg className="diff-ghost-edges" aria-hidden="true">
        {ghosts.connections.map((c) => {
          const bend = Math.max(40, Math.abs(c.to.x - c.from.x) / 2);
          return (
            <path
              key={c.id}
              className={`diff-ghost-edge ${c.change}`}
              d={`M${c.from.x},${c.from.y} C${c.from.x + bend},${c.from.y} ${c.to.x - bend},${c.to.y} ${c.to.x},${c.to.y}`}
            />
          );
        })}
      </svg>
      {ghosts.labels.map((label) => (
        <div
          key={label.id}
          className={`diff-ghost diff-ghost-label ${label.change}`}
          style={{
            transform: `translate(${label.position.x}px, ${label.position.y}px)`,
            width: label.width,
            height: label.height,
          }}
        >
          {label.text}
        </div>
      ))}
      {ghosts.processors.map((ghost) => (
        <div
          key={ghost.id}
          className={`diff-ghost ${ghost.change}`}
          data-testid="diff-ghost"
          data-name={ghost.name}
          data-change={ghost.change}
          style={{
            transform: `translate(${ghost.position.x}px, ${ghost.position.y}px)`,
            width: CARD_WIDTH,
            height: CARD_HEIGHT,
          }}
        >
          <strong>{ghost.name}</strong>
          <span>{ghost.type}</span>
          <em>{ghost.change}</em>
        </div>
      ))}
    </ViewportPortal>
  );
}
