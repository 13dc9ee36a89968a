import { useId, useMemo, useState, type JSX } from 'react';
import { errorMessage } from '../api/client.js';
import type { ApiInputs, FlowView } from '../api/types.js';
import {
  connectionChangeOf,
  connectionIssues,
  draftFromConnection,
  type ConnectionDraft,
  type ConnectionField,
} from './connection-draft.js';
import { describedBy, FieldErrors } from './field-errors.js';
import { FieldLabel } from './field-label.js';
import { IssueList } from './issue-list.js';
import { PanelFrame } from './panel-frame.js';
import { PanelSection } from './panel-section.js';
import { PrioritizerEditor } from './prioritizer-editor.js';
import { isEmptyChange } from './processor-draft.js';
import './panels.css';

/** What Apply sends for a connection: only the changed fields of connections.update. */
export type ConnectionChange = Omit<ApiInputs['connections']['update'], 'flowId' | 'id'>;

/** Props of {@link ConnectionPanel}. */
export interface ConnectionPanelProps {
  readonly flowId: string;
  readonly connection: FlowView['flow']['connections'][number];
  readonly sourceName: string;
  readonly destinationName: string;
  /** The source processor's relationships; those the connection carries are marked. */
  readonly relationships: readonly string[];
  /** Saves the change; rejects with an Error carrying the server's message. */
  onApply(change: ConnectionChange): Promise<void>;
  onClose(): void;
}

interface PanelState {
  readonly source: ConnectionPanelProps['connection'];
  readonly base: ConnectionDraft;
  readonly draft: ConnectionDraft;
}

const FIELDS: readonly {
  key: ConnectionField;
  label: string;
  placeholder: string;
  help: string;
}[] = [
  {
    key: 'objectThreshold',
    label: 'Back pressure object threshold',
    placeholder: '10000',
    help: 'The source stops being triggered once this many flowfiles are queued; 0 means no limit.',
  },
  {
    key: 'dataSizeThreshold',
    label: 'Back pressure size threshold',
    placeholder: '1 GB',
    help: 'The source stops being triggered once this much content is queued; "0 B" means no limit.',
  },
  {
    key: 'expiration',
    label: 'FlowFile expiration',
    placeholder: '0 sec',
    help: 'Flowfiles older than this are dropped from the queue; "0 sec" means never.',
  },
];

/**
 * The configuration panel of a connection: its name, the relationships it carries, back
 * pressure, expiration and prioritizers. Thresholds are checked as you type, with the flow
 * schema's rules, and Apply sends only what changed.
 */
export function ConnectionPanel(props: ConnectionPanelProps): JSX.Element {
  const id = useId();
  const { connection } = props;
  const [state, setState] = useState<PanelState>(() => {
    const base = draftFromConnection(connection);
    return { source: connection, base, draft: base };
  });
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<string | undefined>(undefined);

  // A newly saved connection becomes the base; edits in progress on the same one are kept.
  if (state.source !== connection) {
    const base = draftFromConnection(connection);
    const keep =
      state.source.id === connection.id &&
      !isEmptyChange(connectionChangeOf(state.base, state.draft));
    setState({ source: connection, base, draft: keep ? state.draft : base });
  }

  const { base, draft } = state;
  const change = useMemo(() => connectionChangeOf(base, draft), [base, draft]);
  const dirty = !isEmptyChange(change);
  const issues = useMemo(() => connectionIssues(draft), [draft]);
  const edit = (patch: Partial<ConnectionDraft>) =>
    setState((s) => ({ ...s, draft: { ...s.draft, ...patch } }));

  const apply = async () => {
    if (issues.length > 0) {
      setApplyError('Fix the problems marked in the form first');
      return;
    }
    setApplyError(undefined);
    if (!dirty) return;
    const sent = draft;
    setApplying(true);
    try {
      await props.onApply(change);
      setState((s) => ({ ...s, base: sent, draft: s.draft === sent ? sent : s.draft }));
    } catch (error) {
      setApplyError(errorMessage(error));
    } finally {
      setApplying(false);
    }
  };

  const carried = new Set(connection.relationships);
  const shown = [...new Set([...connection.relationships, ...props.relationships])];
  return (
    <PanelFrame
      testId="connection-panel"
      title={draft.name || `${props.sourceName} → ${props.destinationName}`}
      subtitle={`Connection from ${props.sourceName} to ${props.destinationName}`}
      dirty={dirty}
      applying={applying}
      error={applyError}
      onApply={() => void apply()}
      onClose={props.onClose}
    >
      <IssueList
        issues={issues.map((i) => ({ property: i.field, message: i.message }))}
        busy={false}
      />
      <PanelSection title="Settings">
        <div className="panel-field">
          <FieldLabel htmlFor={`${id}-name`} label="Name" />
          <input
            id={`${id}-name`}
            type="text"
            value={draft.name}
            placeholder={connection.relationships.join(', ')}
            autoComplete="off"
            onChange={(e) => edit({ name: e.target.value })}
          />
        </div>
        <div className="panel-field">
          <h4 className="panel-subheading" id={`${id}-rels`}>
            Relationships
          </h4>
          <ul className="panel-readonly-list" aria-labelledby={`${id}-rels`}>
            {shown.map((name) => (
              <li key={name} data-carried={carried.has(name)}>
                <span aria-hidden="true">{carried.has(name) ? '✓' : '·'}</span> {name}
                {!carried.has(name) && <span className="panel-help"> (not carried)</span>}
              </li>
            ))}
          </ul>
        </div>
      </PanelSection>
      <PanelSection title="Queue">
        {FIELDS.map((field) => {
          const fieldId = `${id}-${field.key}`;
          const errors = issues.filter((i) => i.field === field.key).map((i) => i.message);
          return (
            <div key={field.key} className="panel-field" data-property={field.key}>
              <FieldLabel htmlFor={fieldId} label={field.label} description={field.help} />
              <input
                id={fieldId}
                type={field.key === 'objectThreshold' ? 'number' : 'text'}
                min={field.key === 'objectThreshold' ? 0 : undefined}
                step={field.key === 'objectThreshold' ? 1 : undefined}
                className="panel-mono"
                value={draft[field.key]}
                placeholder={field.placeholder}
                title={field.help}
                autoComplete="off"
                aria-invalid={errors.length > 0 ? true : undefined}
                aria-describedby={describedBy(`${fieldId}-help`, `${fieldId}-errors`, errors)}
                onChange={(e) => edit({ [field.key]: e.target.value })}
              />
              <p id={`${fieldId}-help`} className="panel-help">
                {field.help}
              </p>
              <FieldErrors id={`${fieldId}-errors`} messages={errors} />
            </div>
          );
        })}
      </PanelSection>
      <PanelSection
        title="Prioritizers"
        description="The order flowfiles leave the queue in: the first prioritizer decides, the next breaks ties."
      >
        <PrioritizerEditor
          value={draft.prioritizers}
          onChange={(prioritizers) => edit({ prioritizers })}
        />
      </PanelSection>
    </PanelFrame>
  );
}
