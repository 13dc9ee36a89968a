import { useId, type JSX } from 'react';
import type { ServiceCatalogEntry } from '../api/types.js';
import '../chrome/dialog.css';

/** Props of {@link ServiceTypeChoice}. */
export interface ServiceTypeChoiceProps {
  readonly legend: string;
  readonly types: readonly ServiceCatalogEntry[];
  /** The type picked, or null before one is. */
  readonly value: string | null;
  onChange(type: string): void;
}

/**
 * A choice of controller service types, each with the API it provides and its description, as
 * NiFi's "Add Controller Service" list shows them.
 */
export function ServiceTypeChoice({
  legend,
  types,
  value,
  onChange,
}: ServiceTypeChoiceProps): JSX.Element {
  const name = useId();
  return (
    <fieldset className="relationship-list cs-type-choice">
      <legend>{legend}</legend>
      {types.map((type) => (
        <label key={type.type} className="relationship-option" data-testid="service-type">
          <input
            type="radio"
            name={name}
            value={type.type}
            checked={value === type.type}
            onChange={() => onChange(type.type)}
          />
          <span className="relationship-name">
            {type.type} <span className="cs-provides">provides {type.provides}</span>
          </span>
          <span className="relationship-description">{type.description}</span>
        </label>
      ))}
    </fieldset>
  );
}
