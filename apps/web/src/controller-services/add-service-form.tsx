import { useId, useState, type FormEvent, type JSX } from 'react';
import { errorMessage } from '../api/client.js';
import type { ServiceCatalogEntry } from '../api/types.js';
import { addService } from './service-actions.js';
import { ServiceTypeChoice } from './service-type-choice.js';

/** Props of {@link AddServiceForm}. */
export interface AddServiceFormProps {
  readonly flowId: string;
  readonly types: readonly ServiceCatalogEntry[];
  /** False until `catalog.services` has answered. */
  readonly typesLoaded: boolean;
  onCancel(): void;
  /** Called with the new service's id, to configure it next. */
  onAdded(serviceId: string): void;
}

/**
 * "Add Controller Service": pick a type by its description and the API it provides, and
 * optionally name the service (it is named after its type otherwise, as NiFi does).
 */
export function AddServiceForm({
  flowId,
  types,
  typesLoaded,
  onCancel,
  onAdded,
}: AddServiceFormProps): JSX.Element {
  const nameId = useId();
  const [type, setType] = useState<string | null>(types.length === 1 ? types[0]!.type : null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (type === null || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const added = await addService(flowId, type, name.trim() || undefined);
      onAdded(added.id);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <form className="cs-add" data-testid="add-service" onSubmit={(e) => void submit(e)}>
      <h3 className="cs-view-title">Add controller service</h3>
      {!typesLoaded && !error && <p role="status">Loading the service types…</p>}
      {typesLoaded && types.length === 0 && (
        <p className="dialog-note">This server offers no controller service types.</p>
      )}
      {types.length > 0 && (
        <ServiceTypeChoice legend="Type" types={types} value={type} onChange={setType} />
      )}
      <label className="cs-add-name" htmlFor={nameId}>
        Name
      </label>
      <input
        id={nameId}
        className="cs-add-name-input"
        value={name}
        placeholder={type ?? 'Named after its type'}
        autoComplete="off"
        onChange={(e) => setName(e.target.value)}
      />
      {error !== undefined && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn primary" disabled={type === null || busy}>
          Add
        </button>
      </div>
    </form>
  );
}
