import { useId, useState, type JSX } from 'react';
import {
  addPrioritizer,
  availablePrioritizers,
  movePrioritizer,
  prioritizerKind,
  removePrioritizer,
  type Prioritizer,
} from './prioritizer-list.js';

/** Props of {@link PrioritizerEditor}. */
export interface PrioritizerEditorProps {
  readonly value: readonly Prioritizer[];
  onChange(value: Prioritizer[]): void;
}

/**
 * The ordered prioritizers of a queue: the first decides which flowfile leaves next, the next
 * breaks its ties. An empty list is first in, first out. Each kind may appear once.
 */
export function PrioritizerEditor({ value, onChange }: PrioritizerEditorProps): JSX.Element {
  const id = useId();
  const available = availablePrioritizers(value);
  const [choice, setChoice] = useState<Prioritizer | ''>('');
  // The chosen kind may have been added meanwhile; fall back to the first one still available.
  const selected = available.some((p) => p.value === choice) ? choice : (available[0]?.value ?? '');
  return (
    <div className="panel-prioritizers">
      {value.length === 0 ? (
        <p className="panel-help">None: flowfiles leave first in, first out.</p>
      ) : (
        <ol className="panel-prioritizer-list" aria-label="Selected prioritizers">
          {value.map((p, index) => {
            const kind = prioritizerKind(p);
            return (
              <li
                key={p}
                className="panel-prioritizer"
                data-testid="prioritizer"
                title={kind.description}
              >
                <span className="panel-prioritizer-name">{kind.label}</span>
                <span className="panel-prioritizer-actions">
                  <button
                    type="button"
                    className="panel-button panel-button-small"
                    aria-label={`Move ${kind.label} up`}
                    disabled={index === 0}
                    onClick={() => onChange(movePrioritizer(value, index, -1))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="panel-button panel-button-small"
                    aria-label={`Move ${kind.label} down`}
                    disabled={index === value.length - 1}
                    onClick={() => onChange(movePrioritizer(value, index, 1))}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="panel-button panel-button-small"
                    aria-label={`Remove ${kind.label}`}
                    onClick={() => onChange(removePrioritizer(value, index))}
                  >
                    Remove
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {available.length > 0 && (
        <div className="panel-prioritizer-add">
          <label htmlFor={`${id}-add`}>Prioritizer to add</label>
          <select
            id={`${id}-add`}
            value={selected}
            onChange={(e) => setChoice(e.target.value as Prioritizer)}
          >
            {available.map((p) => (
              <option key={p.value} value={p.value} title={p.description}>
                {p.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="panel-button panel-button-small"
            disabled={selected === ''}
            onClick={() => selected !== '' && onChange(addPrioritizer(value, selected))}
          >
            Add prioritizer
          </button>
        </div>
      )}
    </div>
  );
}
