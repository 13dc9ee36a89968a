import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useGraphStore } from '../stores/graph-store.js';
import { countChanges, fieldChangeText, kindLabel, sideLabel } from './diff-summary.js';
import { useDiffStore } from './diff-store.js';
import type { ComponentDiffView } from './types.js';
import './versions.css';

/** Room around the flow when a diff is shown, the panel's width on the right. */
const FIT_PADDING = { top: '48px', bottom: '48px', left: '48px', right: '400px' } as const;

/** Where to look for a component on the canvas: its place now, else its sketch. */
function centreOf(component: ComponentDiffView): { x: number; y: number } | null {
  const processor = useGraphStore.getState().processors.find((p) => p.id === component.id);
  if (processor) return { x: processor.position.x + 120, y: processor.position.y + 50 };
  if (component.kind === 'processor') {
    return { x: component.sketch.position.x + 120, y: component.sketch.position.y + 50 };
  }
  if (component.kind === 'label') {
    const { position, size } = component.sketch;
    return { x: position.x + size.width / 2, y: position.y + size.height / 2 };
  }
  return null;
}

/**
 * The diff shown on the canvas: which two sides, how many components were added, removed and
 * changed, and each one's changed fields; clicking a component centres the canvas on it. Exit
 * diff (or Escape) returns the canvas to normal.
 */
export function DiffPanel() {
  const diff = useDiffStore((s) => s.diff);
  const { setCenter, getZoom, fitView } = useReactFlow();
  useEffect(() => {
    // The whole flow in view, clear of the panel on the right.
    if (diff) void fitView({ padding: FIT_PADDING, maxZoom: 1, duration: 250 });
  }, [diff, fitView]);
  useEffect(() => {
    // Unchanged components fade while a diff is shown (see versions.css).
    document.documentElement.dataset.diffing = 'true';
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') useDiffStore.getState().clear();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      delete document.documentElement.dataset.diffing;
      window.removeEventListener('keydown', onKey);
    };
  }, []);
  if (!diff) return null;
  const counts = countChanges(diff.diff.components);
  const empty = diff.diff.components.length === 0 && diff.diff.flow.length === 0;

  return (
    <aside className="diff-panel" aria-label="Diff" data-testid="diff-panel">
      <header className="diff-panel-head">
        <div>
          <h2>Diff</h2>
          <p className="versions-hint">
            from {sideLabel(diff.from)} to {sideLabel(diff.to)}
          </p>
        </div>
        <button
          type="button"
          className="btn primary"
          onClick={() => useDiffStore.getState().clear()}
        >
          Exit diff
        </button>
      </header>
      <p className="diff-legend">
        <span className="diff-chip added">{counts.added} added</span>
        <span className="diff-chip removed">{counts.removed} removed</span>
        <span className="diff-chip changed">{counts.changed} changed</span>
      </p>
      {empty && <p className="versions-note">No difference.</p>}
      <ul className="diff-list">
        {diff.diff.flow.length > 0 && (
          <li className="diff-item changed" data-testid="diff-item" data-change="changed">
            <div className="diff-item-head">
              <strong>Flow</strong>
            </div>
            <FieldList fields={diff.diff.flow} />
          </li>
        )}
        {diff.diff.components.map((component) => (
          <li
            key={`${component.kind}-${component.id}`}
            className={`diff-item ${component.change}`}
            data-testid="diff-item"
            data-change={component.change}
            data-id={component.id}
          >
            <button
              type="button"
              className="diff-item-head"
              onClick={() => {
                const centre = centreOf(component);
                if (centre) void setCenter(centre.x, centre.y, { zoom: getZoom(), duration: 300 });
              }}
            >
              <strong>{component.name}</strong>
              <span className="versions-hint">
                {kindLabel(component.kind)} {component.change}
              </span>
            </button>
            <FieldList fields={component.fields} />
          </li>
        ))}
      </ul>
    </aside>
  );
}

function FieldList({ fields }: { readonly fields: ComponentDiffView['fields'] }) {
  if (fields.length === 0) return null;
  return (
    <dl className="diff-fields">
      {fields.map((field) => (
        <div key={`${field.category}-${field.field}`} className="diff-field">
          <dt>{field.field}</dt>
          <dd>{fieldChangeText(field)}</dd>
        </div>
      ))}
    </dl>
  );
}
