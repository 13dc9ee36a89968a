import { useGraphStore } from '../stores/graph-store.js';

/** Shown over an empty flow: how to begin. */
export function EmptyHint() {
  const empty = useGraphStore(
    (s) => s.loaded && s.processors.length === 0 && s.labels.length === 0,
  );
  if (!empty) return null;
  return (
    <div className="empty-hint" data-testid="empty-hint">
      <strong>This flow is empty</strong>
      <span>
        Drag a processor from the palette onto the canvas, or double-click one (or select it and
        press Enter) to add it here.
      </span>
    </div>
  );
}
