import { useEffect, useId, useMemo, useState, type JSX } from 'react';
import { errorMessage } from '../api/client.js';
import { needsRole, useCan } from '../auth/permissions.js';
import { describedBy, FieldErrors } from '../panels/field-errors.js';
import { FieldLabel } from '../panels/field-label.js';
import type { PropertyField } from '../panels/form-model.js';
import { addService, loadServices, loadServiceTypes } from './service-actions.js';
import { serviceStateLabel } from './service-state-badge.js';
import { ServiceTypeChoice } from './service-type-choice.js';
import { useServicesDialog } from './services-dialog-store.js';
import { servicesOf, useServicesStore } from './services-store.js';
import './controller-services.css';

/** Props of {@link ServiceReferenceInput}. */
export interface ServiceReferenceInputProps {
  readonly flowId: string;
  readonly field: PropertyField;
  /** The id of the service chosen; `''` for none. */
  readonly value: string;
  readonly errors: readonly string[] | undefined;
  onChange(serviceId: string): void;
}

/** The option that creates a service instead of choosing one; no service id looks like it. */
const CREATE = '\u0000create';

/** Where creating a service from the field stands. */
type Creating =
  | { readonly kind: 'idle' }
  | { readonly kind: 'choosing'; readonly type: string | null }
  | { readonly kind: 'busy' }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * A property that refers to a controller service (NiFi's "identifies controller service"): a
 * select of the flow's services that provide the API the property asks for, each with its state;
 * "Create new service…", which adds a service of a type providing that API and chooses it; and
 * "Go to service", which opens the Controller Services dialog at the one chosen.
 */
export function ServiceReferenceInput({
  flowId,
  field,
  value,
  errors,
  onChange,
}: ServiceReferenceInputProps): JSX.Element {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-errors`;
  const api = field.serviceApi ?? '';
  const all = useServicesStore((s) => servicesOf(s, flowId));
  const loaded = useServicesStore((s) => s.loaded && s.flowId === flowId);
  const allTypes = useServicesStore((s) => s.types);
  const services = useMemo(() => all.filter((s) => s.provides === api), [all, api]);
  const types = useMemo(() => allTypes.filter((t) => t.provides === api), [allTypes, api]);
  const canCreate = useCan('editor');
  const [creating, setCreating] = useState<Creating>({ kind: 'idle' });

  useEffect(() => {
    void loadServices(flowId);
    // Without the types only "Create new service…" is missing; the field itself still works.
    loadServiceTypes().catch(() => undefined);
  }, [flowId]);

  const create = async (type: string) => {
    setCreating({ kind: 'busy' });
    try {
      const added = await addService(flowId, type);
      onChange(added.id);
      setCreating({ kind: 'idle' });
    } catch (error) {
      setCreating({ kind: 'failed', message: errorMessage(error) });
    }
  };
  const select = (next: string) => {
    if (next !== CREATE) {
      onChange(next);
      return;
    }
    const only = types.length === 1 ? types[0] : undefined;
    if (only) void create(only.type);
    else setCreating({ kind: 'choosing', type: null });
  };

  const chosen = services.find((s) => s.id === value);
  const missing = value !== '' && !chosen;
  return (
    <div className="panel-field" data-property={field.key}>
      <FieldLabel
        htmlFor={id}
        label={field.label}
        required={field.required}
        description={field.description}
      />
      <div className="cs-reference-row">
        <select
          id={id}
          value={value}
          title={field.description || undefined}
          aria-describedby={describedBy(helpId, errorId, errors)}
          aria-invalid={errors && errors.length > 0 ? true : undefined}
          aria-required={field.required ? true : undefined}
          disabled={creating.kind === 'busy'}
          onChange={(e) => select(e.target.value)}
        >
          <option value="">Not set</option>
          {services.map((service) => (
            <option key={service.id} value={service.id}>
              {service.name} ({serviceStateLabel(service.state)})
            </option>
          ))}
          {/* A reference to a service that is gone stays visible instead of silently clearing. */}
          {missing && <option value={value}>{loaded ? `Missing service ${value}` : value}</option>}
          <option
            value={CREATE}
            disabled={!canCreate || (types.length === 0 && allTypes.length > 0)}
            title={canCreate ? undefined : needsRole('editor')}
          >
            Create new service…
          </option>
        </select>
        <button
          type="button"
          className="panel-button panel-button-small"
          disabled={!chosen}
          title={chosen ? `Open '${chosen.name}' in Controller Services` : undefined}
          onClick={() => useServicesDialog.getState().openAt(value)}
        >
          Go to service
        </button>
      </div>
      {creating.kind === 'choosing' && (
        <div className="cs-create-choice" data-testid="service-create-choice">
          {types.length === 0 ? (
            <p className="panel-help">No controller service type provides {api}.</p>
          ) : (
            <ServiceTypeChoice
              legend={`New service providing ${api}`}
              types={types}
              value={creating.type}
              onChange={(type) => setCreating({ kind: 'choosing', type })}
            />
          )}
          <div className="cs-inline-actions">
            <button
              type="button"
              className="panel-button panel-button-small panel-button-primary"
              disabled={creating.type === null}
              onClick={() => creating.type !== null && void create(creating.type)}
            >
              Create
            </button>
            <button
              type="button"
              className="panel-button panel-button-small"
              onClick={() => setCreating({ kind: 'idle' })}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {creating.kind === 'busy' && (
        <p className="panel-help" role="status">
          Creating the service…
        </p>
      )}
      {creating.kind === 'failed' && (
        <p className="panel-field-error" role="alert">
          {creating.message}
        </p>
      )}
      <p id={helpId} className="panel-help">
        {field.description ? `${field.description} ` : ''}
        <span className="cs-provides">A controller service providing {api}.</span>
      </p>
      <FieldErrors id={errorId} messages={errors} />
    </div>
  );
}
