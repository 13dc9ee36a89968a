import { useId, useMemo, useState, type JSX } from 'react';
import { errorMessage } from '../api/client.js';
import type { ApiInputs, CatalogEntry, FlowView } from '../api/types.js';
import { draftCheck, formIssues } from './draft-check.js';
import { DeclaredProperty } from './declared-property.js';
import { DynamicProperties } from './dynamic-properties.js';
import { propertyFields } from './form-model.js';
import { IssueList } from './issue-list.js';
import { issuesByField } from './issue-routing.js';
import { PanelFrame } from './panel-frame.js';
import { PanelSection, SectionNav } from './panel-section.js';
import {
  changeOf,
  committed,
  draftFromProcessor,
  isEmptyChange,
  localIssues,
  type ProcessorDraft,
} from './processor-draft.js';
import { relationshipItems } from './relationship-items.js';
import { RelationshipsSection } from './relationships-section.js';
import { SchedulingSection } from './scheduling-section.js';
import { SettingsSection } from './settings-section.js';
import {
  useDraftValidation,
  validateDraftOnServer,
  type ValidateDraft,
} from './use-draft-validation.js';
import './panels.css';

/** What Apply sends for a processor: only the changed fields of processors.update. */
export type ProcessorChange = Omit<ApiInputs['processors']['update'], 'flowId' | 'id'>;

/** Props of {@link ProcessorPanel}. */
export interface ProcessorPanelProps {
  readonly flowId: string;
  /** The processor as saved; sensitive properties appear as `{ set: boolean }`. */
  readonly processor: FlowView['flow']['processors'][number];
  readonly entry: CatalogEntry;
  /** Relationships a connection on the canvas carries. */
  readonly connectedRelationships: ReadonlySet<string>;
  /** Saves the change; rejects with an Error carrying the server's message. */
  onApply(change: ProcessorChange): Promise<void>;
  onClose(): void;
  /** How the draft is checked; the server's processors.validateDraft unless a test injects one. */
  readonly validateDraft?: ValidateDraft;
  /** Quiet time after the last keystroke before the draft is checked. */
  readonly debounceMs?: number;
  /**
   * Changes when something the draft's validity depends on changed on the server (a controller
   * service was enabled or disabled), so the draft is checked again.
   */
  readonly revalidateKey?: number;
}

/** The panel's sections, in NiFi's order. */
const SECTIONS = ['Settings', 'Scheduling', 'Properties', 'Relationships'] as const;

/** The form's state: the saved processor it came from, what that gives, and the edits. */
interface PanelState {
  readonly source: ProcessorPanelProps['processor'];
  readonly base: ProcessorDraft;
  readonly draft: ProcessorDraft;
}

/**
 * The configuration panel of a processor, built from its type's spec: settings, scheduling,
 * properties (declared and dynamic) and relationships, checked by the server as you type, and
 * applied as one change of only what was edited.
 */
export function ProcessorPanel(props: ProcessorPanelProps): JSX.Element {
  const { processor, entry } = props;
  const id = useId();
  const sections = SECTIONS.map((title) => ({ id: `${id}-${title}`, title }));
  const fields = useMemo(() => propertyFields(entry), [entry]);
  const [state, setState] = useState<PanelState>(() => {
    const base = draftFromProcessor(processor, entry);
    return { source: processor, base, draft: base };
  });
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<string | undefined>(undefined);

  // A new saved processor (after Apply, or an edit elsewhere) becomes the base; edits in
  // progress on the same processor are kept. Adjusted while rendering, as React advises for
  // state that follows a prop, so no stale frame is drawn.
  if (state.source !== processor) {
    const base = draftFromProcessor(processor, entry);
    const same = state.source.id === processor.id;
    const keep = same && !isEmptyChange(changeOf(state.base, state.draft));
    setState({ source: processor, base, draft: keep ? state.draft : base });
    if (!same) setApplyError(undefined);
  }

  const { base, draft } = state;
  const change = useMemo(() => changeOf(base, draft), [base, draft]);
  const dirty = !isEmptyChange(change);
  const local = useMemo(() => localIssues(draft), [draft]);
  const validation = useDraftValidation(
    props.validateDraft ?? validateDraftOnServer,
    { flowId: props.flowId, id: processor.id, ...draftCheck(change, draft) },
    props.debounceMs ?? 250,
    props.revalidateKey,
  );
  const issues = useMemo(
    () => formIssues(local, validation.issues, draft),
    [local, validation.issues, draft],
  );
  const byField = useMemo(() => issuesByField(issues), [issues]);

  // From the latest draft, not this render's: two edits in one event must not undo each other.
  const edit = (patch: (draft: ProcessorDraft) => Partial<ProcessorDraft>) =>
    setState((s) => ({ ...s, draft: { ...s.draft, ...patch(s.draft) } }));

  const apply = async () => {
    if (local.length > 0) {
      setApplyError('Fix the problems marked in the form first');
      return;
    }
    setApplyError(undefined);
    if (!dirty) return;
    const sent = draft;
    setApplying(true);
    try {
      await props.onApply(change);
      // What was sent is now saved; anything typed while it was on its way stays a change.
      const applied = committed(sent);
      setState((s) => ({ ...s, base: applied, draft: s.draft === sent ? applied : s.draft }));
    } catch (error) {
      setApplyError(errorMessage(error));
    } finally {
      setApplying(false);
    }
  };

  const relationships = relationshipItems(
    entry,
    draft,
    validation.relationships,
    props.connectedRelationships,
  );
  return (
    <PanelFrame
      testId="processor-panel"
      title={draft.name || processor.name}
      subtitle={entry.type}
      dirty={dirty}
      applying={applying}
      error={applyError}
      onApply={() => void apply()}
      onClose={props.onClose}
    >
      <SectionNav sections={sections} />
      <IssueList issues={issues} busy={validation.pending} />
      {validation.error !== undefined && (
        <p className="panel-notice" role="status">
          Could not check the configuration: {validation.error}
        </p>
      )}
      <PanelSection title="Settings" id={`${id}-Settings`}>
        <SettingsSection
          name={draft.name}
          comments={draft.comments}
          onChange={(patch) => edit(() => patch)}
        />
      </PanelSection>
      <PanelSection title="Scheduling" id={`${id}-Scheduling`}>
        <SchedulingSection
          value={draft.scheduling}
          errorsOf={(key) => byField.get(`scheduling.${key}`)}
          onChange={(scheduling) => edit(() => ({ scheduling }))}
        />
      </PanelSection>
      <PanelSection title="Properties" id={`${id}-Properties`} description={entry.description}>
        {fields.length === 0 && !entry.dynamicProperties && (
          <p className="panel-help">This processor has no properties.</p>
        )}
        {fields.map((field) => (
          <DeclaredProperty
            key={field.key}
            flowId={props.flowId}
            field={field}
            draft={draft}
            errors={byField.get(field.key)}
            onValue={(value) => edit((d) => ({ values: { ...d.values, [field.key]: value } }))}
            onSecret={(secret) => edit((d) => ({ secrets: { ...d.secrets, [field.key]: secret } }))}
          />
        ))}
        {entry.dynamicProperties && (
          <DynamicProperties
            spec={entry.dynamicProperties}
            rows={draft.dynamic}
            errorsOf={(row) => byField.get(`dynamic:${row.id}`)}
            onChange={(dynamic) => edit(() => ({ dynamic }))}
          />
        )}
      </PanelSection>
      <PanelSection title="Relationships" id={`${id}-Relationships`}>
        <RelationshipsSection
          relationships={relationships}
          autoTerminated={draft.autoTerminated}
          errorsOf={(name) => byField.get(`relationship:${name}`)}
          onChange={(autoTerminated) => edit(() => ({ autoTerminated }))}
        />
      </PanelSection>
    </PanelFrame>
  );
}
