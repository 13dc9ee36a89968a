import { useState } from 'react';
import type { AttributeChange } from './types.js';

/**
 * An event's attributes before and after it, changed rows marked (an added attribute has no
 * "before", a removed one no "after"). "Only changed" hides the rest.
 */
export function AttributesTable({
  attributes,
}: {
  readonly attributes: readonly AttributeChange[];
}) {
  const [onlyChanged, setOnlyChanged] = useState(false);
  const changed = attributes.filter((a) => a.changed).length;
  const shown = onlyChanged ? attributes.filter((a) => a.changed) : attributes;
  return (
    <section className="provenance-section" aria-label="Attributes">
      <div className="provenance-section-head">
        <h3>Attributes</h3>
        <span className="provenance-muted">
          {changed === 0 ? 'none changed' : changed === 1 ? '1 changed' : `${changed} changed`}
        </span>
        <label className="provenance-check">
          <input
            type="checkbox"
            checked={onlyChanged}
            onChange={(e) => setOnlyChanged(e.target.checked)}
          />
          Only changed
        </label>
      </div>
      <table className="provenance-attributes" aria-label="Attributes before and after">
        <thead>
          <tr>
            <th scope="col">Attribute</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <tr
              key={a.key}
              className={a.changed ? 'changed' : undefined}
              data-testid="attribute-row"
              data-key={a.key}
              data-changed={a.changed}
            >
              <th scope="row">{a.key}</th>
              <td className={a.before === null ? 'absent' : undefined}>{a.before ?? 'not set'}</td>
              <td className={a.after === null ? 'absent' : undefined}>{a.after ?? 'removed'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
