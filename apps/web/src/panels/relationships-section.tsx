import { useId, type JSX } from 'react';
import { FieldErrors } from './field-errors.js';

/** One relationship of the processor as the section lists it. */
export interface RelationshipItem {
  readonly name: string;
  readonly description: string;
  /** Whether a connection on the canvas carries it. */
  readonly connected: boolean;
}

/** Props of {@link RelationshipsSection}. */
export interface RelationshipsSectionProps {
  readonly relationships: readonly RelationshipItem[];
  readonly autoTerminated: readonly string[];
  errorsOf(name: string): readonly string[] | undefined;
  onChange(autoTerminated: string[]): void;
}

/**
 * One checkbox per relationship: checked means flowfiles routed there are dropped (NiFi's
 * auto-terminate). A processor starts only when each relationship is connected or auto-terminated.
 */
export function RelationshipsSection(props: RelationshipsSectionProps): JSX.Element {
  const id = useId();
  const checked = new Set(props.autoTerminated);
  const toggle = (name: string, on: boolean) =>
    props.onChange(
      on ? [...props.autoTerminated, name] : props.autoTerminated.filter((r) => r !== name),
    );
  if (props.relationships.length === 0) {
    return <p className="panel-help">This processor has no relationships.</p>;
  }
  return (
    <ul className="panel-relationships">
      {props.relationships.map((relationship, index) => {
        const boxId = `${id}-${index}`;
        const errors = props.errorsOf(relationship.name);
        return (
          <li key={relationship.name} className="panel-relationship">
            <div className="panel-check-row">
              <input
                id={boxId}
                type="checkbox"
                checked={checked.has(relationship.name)}
                aria-describedby={`${boxId}-help${errors?.length ? ` ${boxId}-errors` : ''}`}
                onChange={(e) => toggle(relationship.name, e.target.checked)}
              />
              <label htmlFor={boxId}>Auto-terminate {relationship.name}</label>
              {relationship.connected && <span className="panel-tag">connected</span>}
            </div>
            <p id={`${boxId}-help`} className="panel-help">
              {relationship.description}
            </p>
            <FieldErrors id={`${boxId}-errors`} messages={errors} />
          </li>
        );
      })}
    </ul>
  );
}
