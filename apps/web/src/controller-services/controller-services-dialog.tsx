import { useEffect, useState, type JSX } from 'react';
import { errorMessage } from '../api/client.js';
import type { ControllerServiceView } from '../api/types.js';
import { needsRole, useCan } from '../auth/permissions.js';
import { Modal } from '../chrome/modal.js';
import { useGraphStore } from '../stores/graph-store.js';
import { AddServiceForm } from './add-service-form.js';
import { DeleteServiceDialog } from './delete-service-dialog.js';
import {
  deleteService,
  loadServices,
  loadServiceTypes,
  setServiceEnabled,
} from './service-actions.js';
import { ServiceConfigForm } from './service-config-form.js';
import { ServiceRow } from './service-row.js';
import { useServicesDialog } from './services-dialog-store.js';
import { servicesOf, useServicesStore } from './services-store.js';
import '../chrome/dialog.css';
import './controller-services.css';

/** The Controller Services dialog, mounted while it is open. */
export function ControllerServicesHost() {
  const open = useServicesDialog((s) => s.open);
  const focusId = useServicesDialog((s) => s.focusId);
  const flowId = useGraphStore((s) => s.flowId);
  if (!open || flowId === null) return null;
  return (
    <ControllerServicesDialog
      // Opened again at another service ("Go to service"): start over at it.
      key={`${flowId}:${focusId ?? ''}`}
      flowId={flowId}
      focusId={focusId}
      onClose={() => useServicesDialog.getState().close()}
    />
  );
}

/** Props of {@link ControllerServicesDialog}. */
export interface ControllerServicesDialogProps {
  readonly flowId: string;
  /** The service to highlight, as "Go to service" asks; null for none. */
  readonly focusId: string | null;
  onClose(): void;
}

/** What the dialog shows: the list, the Add form, or one service's configuration. */
type View =
  | { readonly kind: 'list' }
  | { readonly kind: 'add' }
  | { readonly kind: 'configure'; readonly id: string };

/** A refusal of the server, kept with the service it is about. */
interface RowError {
  readonly id: string;
  readonly message: string;
}

/**
 * The flow's controller services, as NiFi's "Controller Services" tab: each service with its
 * type, the API it provides, its state, its problems and the processors using it; Add,
 * Configure, Enable / Disable and Delete. The server's refusals are shown at the service.
 */
export function ControllerServicesDialog({
  flowId,
  focusId,
  onClose,
}: ControllerServicesDialogProps): JSX.Element {
  const services = useServicesStore((s) => servicesOf(s, flowId));
  const loaded = useServicesStore((s) => s.loaded && s.flowId === flowId);
  const listError = useServicesStore((s) => (s.flowId === flowId ? s.error : undefined));
  const types = useServicesStore((s) => s.types);
  const typesLoaded = useServicesStore((s) => s.typesLoaded);
  const canEdit = useCan('editor');
  const [view, setView] = useState<View>({ kind: 'list' });
  const [typesError, setTypesError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const [rowError, setRowError] = useState<RowError | null>(null);
  const [deleting, setDeleting] = useState<ControllerServiceView | null>(null);

  useEffect(() => {
    void loadServices(flowId);
    loadServiceTypes().catch((e: unknown) => setTypesError(errorMessage(e)));
  }, [flowId]);

  /** Runs an action on one service; a refusal stays beside that service until the next action. */
  const act = async (service: ControllerServiceView, action: () => Promise<void>) => {
    setBusy(service.id);
    setRowError(null);
    try {
      await action();
    } catch (e) {
      setRowError({ id: service.id, message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };
  const toggle = (service: ControllerServiceView) =>
    act(service, () => setServiceEnabled(flowId, service.id, service.state === 'DISABLED'));
  const remove = (service: ControllerServiceView) => {
    setDeleting(null);
    void act(service, () => deleteService(flowId, service.id));
  };

  const configured = view.kind === 'configure' ? services.find((s) => s.id === view.id) : undefined;
  const configuredType = configured ? types.find((t) => t.type === configured.type) : undefined;
  return (
    <>
      <Modal
        className="dialog cs-dialog"
        labelledBy="controller-services-title"
        testId="controller-services-dialog"
        data-view={view.kind}
        onClose={onClose}
      >
        <h2 id="controller-services-title">Controller Services</h2>
        <p className="dialog-subtitle">
          Shared clients (a Kafka connection, an SFTP connection…) that processors refer to. A
          service is configured while disabled, and used by processors while enabled.
        </p>
        {listError !== undefined && (
          <p className="dialog-error" role="alert">
            Could not read the controller services: {listError}
          </p>
        )}
        {typesError !== undefined && (
          <p className="dialog-error" role="alert">
            Could not read the controller service types: {typesError}
          </p>
        )}
        {view.kind === 'add' && (
          <AddServiceForm
            flowId={flowId}
            types={types}
            typesLoaded={typesLoaded}
            onCancel={() => setView({ kind: 'list' })}
            onAdded={(id) => setView({ kind: 'configure', id })}
          />
        )}
        {view.kind === 'configure' &&
          (configured && configuredType ? (
            <ServiceConfigForm
              key={configured.id}
              flowId={flowId}
              service={configured}
              entry={configuredType}
              onBack={() => setView({ kind: 'list' })}
            />
          ) : (
            <>
              <p className="dialog-note" role="status">
                {!loaded || !typesLoaded
                  ? 'Loading…'
                  : configured
                    ? `The server does not know the type ${configured.type}, so this service cannot be configured here.`
                    : 'This service no longer exists.'}
              </p>
              <div className="dialog-actions">
                <button type="button" className="btn" onClick={() => setView({ kind: 'list' })}>
                  Back to services
                </button>
              </div>
            </>
          ))}
        {view.kind === 'list' && (
          <>
            {!loaded && listError === undefined && <p role="status">Loading…</p>}
            {loaded && services.length === 0 && (
              <p className="dialog-note">This flow has no controller service yet: add one.</p>
            )}
            {services.length > 0 && (
              <div className="cs-table-frame">
                <table className="cs-table">
                  <thead>
                    <tr>
                      <th>Name</th>
                      <th>Type</th>
                      <th>Provides</th>
                      <th>State</th>
                      <th>Referenced by</th>
                      <th aria-label="Actions" />
                    </tr>
                  </thead>
                  <tbody>
                    {services.map((service) => (
                      <ServiceRow
                        key={service.id}
                        service={service}
                        focused={service.id === focusId}
                        busy={busy === service.id}
                        error={rowError?.id === service.id ? rowError.message : undefined}
                        onConfigure={() => setView({ kind: 'configure', id: service.id })}
                        onToggle={() => void toggle(service)}
                        onDelete={() => setDeleting(service)}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <div className="dialog-actions">
              <button
                type="button"
                className="btn"
                disabled={!canEdit}
                title={canEdit ? undefined : needsRole('editor')}
                onClick={() => setView({ kind: 'add' })}
              >
                Add service
              </button>
              <button type="button" className="btn primary" autoFocus onClick={onClose}>
                Close
              </button>
            </div>
          </>
        )}
      </Modal>
      {/* Beside the dialog, not in it: its Escape must close only the question. */}
      {deleting && (
        <DeleteServiceDialog
          name={deleting.name}
          onConfirm={() => remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </>
  );
}
