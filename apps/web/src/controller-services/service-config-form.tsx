import { useId, useMemo, useState, type FormEvent, type JSX } from 'react';
import { errorMessage } from '../api/client.js';
import type { ControllerServiceView, ServiceCatalogEntry } from '../api/types.js';
import { needsRole, useCan } from '../auth/permissions.js';
import { DeclaredProperty } from '../panels/declared-property.js';
import { propertyFields } from '../panels/form-model.js';
import { IssueList } from '../panels/issue-list.js';
import { issuesByField } from '../panels/issue-routing.js';
import { isEmptyChange } from '../panels/processor-draft.js';
import { updateService } from './service-actions.js';
import {
  committedService,
  draftFromService,
  serviceChangeOf,
  serviceDraftProblem,
  serviceIssues,
  type ServiceDraft,
} from './service-draft.js';
import { ServiceStateBadge } from './service-state-badge.js';
import '../panels/panels.css';

/** Props of {@link ServiceConfigForm}. */
export interface ServiceConfigFormProps {
  readonly flowId: string;
  /** The service as listed; sensitive properties appear as `{ set: boolean }`. */
  readonly service: ControllerServiceView;
  readonly entry: ServiceCatalogEntry;
  /** Back to the list of services. */
  onBack(): void;
}

/** The form's state: the listed service it came from, what that gives, and the edits. */
interface FormState {
  readonly source: ControllerServiceView;
  readonly base: ServiceDraft;
  readonly draft: ServiceDraft;
}

/**
 * Configures one controller service with the processor panel's property controls: its name and
 * its properties (secrets write-only, allowed values as selects, descriptions as help), with the
 * problems that keep it from being enabled. An enabled service is shown read-only, as NiFi does:
 * its processors rely on it, so it is disabled before it changes.
 */
export function ServiceConfigForm({
  flowId,
  service,
  entry,
  onBack,
}: ServiceConfigFormProps): JSX.Element {
  const nameId = useId();
  const titleId = useId();
  const fields = useMemo(() => propertyFields(entry), [entry]);
  const canEdit = useCan('editor');
  const [state, setState] = useState<FormState>(() => {
    const base = draftFromService(service, entry);
    return { source: service, base, draft: base };
  });
  const [applying, setApplying] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  // A newly listed service (after Apply, an enable) becomes the base; edits in progress stay.
  if (state.source !== service) {
    const base = draftFromService(service, entry);
    const keep = !isEmptyChange(serviceChangeOf(state.base, state.draft));
    setState({ source: service, base, draft: keep ? state.draft : base });
  }

  const { base, draft } = state;
  const change = useMemo(() => serviceChangeOf(base, draft), [base, draft]);
  const dirty = !isEmptyChange(change);
  const issues = useMemo(() => serviceIssues(service, draft), [service, draft]);
  const byField = useMemo(() => issuesByField(issues), [issues]);
  const locked = service.state !== 'DISABLED';
  const readOnly = locked || !canEdit;
  const problem = serviceDraftProblem(draft);

  const edit = (patch: (draft: ServiceDraft) => Partial<ServiceDraft>) =>
    setState((s) => ({ ...s, draft: { ...s.draft, ...patch(s.draft) } }));

  const apply = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly || !dirty || applying) return;
    if (problem) {
      setError(problem);
      return;
    }
    const sent = draft;
    setApplying(true);
    setError(undefined);
    try {
      await updateService(flowId, service.id, change);
      // What was sent is saved; anything typed while it was on its way stays a change.
      const applied = committedService(sent);
      setState((s) => ({ ...s, base: applied, draft: s.draft === sent ? applied : s.draft }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setApplying(false);
    }
  };

  return (
    <form
      className="panel cs-config"
      data-testid="service-config"
      data-dirty={dirty}
      aria-labelledby={titleId}
      onSubmit={(e) => void apply(e)}
      noValidate
    >
      <header className="cs-config-header">
        <div>
          <h3 id={titleId} className="panel-title">
            Configure {service.name}
          </h3>
          <p className="panel-subtitle">
            {service.type} · provides {entry.provides}
          </p>
        </div>
        <ServiceStateBadge state={service.state} />
        {dirty && (
          <span className="panel-dirty" data-testid="panel-dirty">
            Unsaved changes
          </span>
        )}
      </header>
      {locked && (
        <p className="panel-notice" data-testid="service-locked">
          Disable the service to change it.
        </p>
      )}
      {!locked && !canEdit && <p className="panel-notice">{needsRole('editor')} to change it.</p>}
      <IssueList issues={issues} busy={dirty} />
      <p className="panel-help cs-config-description">{entry.description}</p>
      {/* A disabled fieldset greys out and locks every control inside, secrets' Clear included. */}
      <fieldset className="cs-config-fields" disabled={readOnly}>
        <div className="panel-field" data-property="name">
          <div className="panel-label-row">
            <label htmlFor={nameId}>Name</label>
          </div>
          <input
            id={nameId}
            type="text"
            value={draft.name}
            autoComplete="off"
            aria-invalid={problem ? true : undefined}
            onChange={(e) => edit(() => ({ name: e.target.value }))}
          />
        </div>
        {fields.length === 0 && <p className="panel-help">This service has no properties.</p>}
        {fields.map((field) => (
          <DeclaredProperty
            key={field.key}
            flowId={flowId}
            field={field}
            draft={draft}
            errors={byField.get(field.key)}
            onValue={(value) => edit((d) => ({ values: { ...d.values, [field.key]: value } }))}
            onSecret={(secret) => edit((d) => ({ secrets: { ...d.secrets, [field.key]: secret } }))}
          />
        ))}
      </fieldset>
      {error !== undefined && (
        <p className="dialog-error" role="alert" data-testid="service-config-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onBack}>
          Back to services
        </button>
        <button
          type="submit"
          className="btn primary"
          disabled={readOnly || !dirty || applying}
          aria-busy={applying}
        >
          Apply
        </button>
      </div>
    </form>
  );
}
