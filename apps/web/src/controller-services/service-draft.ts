import type { ControllerServiceView, ServiceCatalogEntry } from '../api/types.js';
import {
  committedSecrets,
  declaredChanges,
  declaredDraft,
  type DeclaredDraft,
} from '../panels/declared-draft.js';
import type { Issue } from '../panels/issue-routing.js';
import type { ServiceChange } from './service-actions.js';

/** Everything the controller service form edits, before Apply. */
export interface ServiceDraft extends DeclaredDraft {
  readonly name: string;
}

/** The form's starting point: the service as saved. */
export function draftFromService(
  service: ControllerServiceView,
  entry: ServiceCatalogEntry,
): ServiceDraft {
  return { name: service.name, ...declaredDraft(service.properties, entry.ui) };
}

/** What Apply sends: only what differs from what is saved; an untouched secret never. */
export function serviceChangeOf(base: ServiceDraft, draft: ServiceDraft): ServiceChange {
  const change: ServiceChange = {};
  if (draft.name !== base.name) change.name = draft.name;
  const properties = declaredChanges(base, draft);
  if (Object.keys(properties).length > 0) change.properties = properties;
  return change;
}

/** The form after its change was applied: typed secrets are now "set", so the form is clean. */
export function committedService(draft: ServiceDraft): ServiceDraft {
  return { ...draft, ...committedSecrets(draft) };
}

/**
 * The saved service's problems the form shows: all of them, except those of a secret being
 * replaced (they judge the value on its way out).
 */
export function serviceIssues(
  service: ControllerServiceView,
  draft: ServiceDraft,
): readonly Issue[] {
  return service.validationErrors.filter(
    (issue) => issue.property === undefined || draft.secrets[issue.property]?.mode !== 'set',
  );
}

/** Problems the server would refuse, found before sending. */
export function serviceDraftProblem(draft: ServiceDraft): string | undefined {
  return draft.name.trim() === '' ? 'A controller service needs a name' : undefined;
}
