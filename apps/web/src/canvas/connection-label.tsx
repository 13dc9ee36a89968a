import { memo, type MouseEvent } from 'react';
import { fillLevel, fillRatio, formatCountAndSize } from '../format.js';
import { isQueueFull } from '../graph/back-pressure.js';
import { useConnectionStatus } from '../stores/stats-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useCanvasStore } from '../stores/canvas-store.js';

/** Props of a connection's label. */
export interface ConnectionLabelProps {
  readonly id: string;
  readonly relationships: readonly string[];
  readonly name: string | undefined;
  readonly objectThreshold: number;
  readonly x: number;
  readonly y: number;
  readonly selected: boolean;
}

/**
 * The label of a connection: its relationships, what is queued, and a fill bar toward the
 * back-pressure threshold (green, amber from 60 %, red from 90 % or when full). It subscribes to
 * its own connection's status, so a stats tick renders only the labels whose queue changed.
 * Click selects the connection, double-click opens its settings, right-click its menu.
 */
function ConnectionLabelView(props: ConnectionLabelProps) {
  const { id, relationships, name, x, y, selected } = props;
  const status = useConnectionStatus(id);
  const count = status?.queued.count ?? 0;
  const bytes = status?.queued.bytes ?? 0;
  const threshold = status?.threshold ?? props.objectThreshold;
  const ratio = fillRatio(count, threshold);
  const full = isQueueFull(status);
  const level = fillLevel(ratio, full);
  return (
    <div
      className={`connection-label nodrag nopan level-${level}${selected ? ' selected' : ''}`}
      style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
      data-testid="connection-label"
      data-id={id}
      data-queued-count={count}
      data-threshold={threshold}
      {...labelHandlers(id)}
      title={`${name ? `${name}\n` : ''}Double-click for settings`}
    >
      <div className="connection-rels">{relationships.join(', ')}</div>
      <div className="connection-queued">
        <span className="connection-caption">Queued</span> {formatCountAndSize(count, bytes)}
      </div>
      <div
        className="connection-fill"
        data-testid="connection-fill"
        data-level={level}
        role="meter"
        aria-label="Back-pressure"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(ratio * 100)}
        title={
          threshold > 0
            ? `${Math.round(ratio * 100)} % of the back-pressure threshold (${threshold})${full ? ': full' : ''}`
            : 'No object threshold'
        }
      >
        <div
          className="connection-fill-bar"
          style={{ transform: `scaleX(${Math.max(full ? 1 : 0, ratio)})` }}
        />
      </div>
    </div>
  );
}

/** Click selects the connection, double-click opens its settings, right-click its menu. */
function labelHandlers(id: string) {
  return {
    onClick(event: MouseEvent) {
      event.stopPropagation();
      const additive = event.shiftKey || event.metaKey || event.ctrlKey;
      if (additive) toggleSelected(id);
      else useCanvasStore.getState().select([id]);
    },
    onDoubleClick(event: MouseEvent) {
      event.stopPropagation();
      useUiStore.getState().openPanel({ kind: 'connection', id });
    },
    onContextMenu(event: MouseEvent) {
      event.preventDefault();
      event.stopPropagation();
      useUiStore
        .getState()
        .openMenu({ kind: 'connection', id, x: event.clientX, y: event.clientY });
    },
  };
}

function toggleSelected(id: string) {
  const { nodes, edges, select } = useCanvasStore.getState();
  const selected = [...nodes, ...edges].filter((c) => c.selected).map((c) => c.id);
  select(selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id]);
}

/** A connection's label, memoized: it renders when its own stats or its props change. */
export const ConnectionLabel = memo(ConnectionLabelView);
