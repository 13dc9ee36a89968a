import { useEffect, useMemo, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import { reloadFlow } from '../actions/load.js';
import { Modal } from '../chrome/modal.js';
import { useGraphStore } from '../stores/graph-store.js';
import {
  draftOf,
  draftProblems,
  emptyRow,
  saveInput,
  type ContextDraft,
  type ParametersDraft,
} from './parameter-draft.js';
import { ParameterRowFields } from './parameter-row.js';
import { useParametersDialog } from './parameters-store.js';
import '../chrome/dialog.css';
import './parameters.css';

/** The parameters dialog, mounted while it is open. */
export function ParametersDialogHost() {
  const open = useParametersDialog((s) => s.open);
  const flowId = useGraphStore((s) => s.flowId);
  if (!open || flowId === null) return null;
  return (
    <ParametersDialog
      flowId={flowId}
      onClose={() => useParametersDialog.getState().setOpen(false)}
    />
  );
}

/** Props of {@link ParametersDialog}. */
export interface ParametersDialogProps {
  readonly flowId: string;
  onClose(): void;
}

/**
 * The flow's parameter contexts (NiFi's): pick or add a context, bind the flow to it, and edit
 * its parameters. Sensitive values are write-only; the server keeps them encrypted and only says
 * whether one is set. Saving needs the admin role.
 */
export function ParametersDialog({ flowId, onClose }: ParametersDialogProps) {
  const [draft, setDraft] = useState<ParametersDraft | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    api.parameters.get
      .query({ flowId })
      .then((view) => {
        if (!live) return;
        const next = draftOf(view);
        setDraft(next);
        setSelected(next.boundContextId ?? next.contexts[0]?.id ?? null);
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [flowId]);

  const problems = useMemo(
    () => (draft ? draftProblems(draft) : new Map<string, string>()),
    [draft],
  );
  const context = draft?.contexts.find((c) => c.id === selected);

  const update = (next: ParametersDraft) => {
    setDraft(next);
    setSaved(false);
  };
  const updateContext = (change: (context: ContextDraft) => ContextDraft) => {
    if (!draft || !context) return;
    update({
      ...draft,
      contexts: draft.contexts.map((c) => (c.id === context.id ? change(c) : c)),
    });
  };
  const addContext = () => {
    if (!draft) return;
    const id = crypto.randomUUID();
    const name = `Parameters ${draft.contexts.length + 1}`;
    update({
      boundContextId: draft.boundContextId ?? id,
      contexts: [...draft.contexts, { id, name, description: '', rows: [] }],
    });
    setSelected(id);
  };
  const save = async () => {
    if (!draft || problems.size > 0) return;
    setSaving(true);
    setError(null);
    try {
      const view = await api.parameters.save.mutate(saveInput(flowId, draft));
      setDraft(draftOf(view));
      setSaved(true);
      // Processors referring to parameters may have become valid or invalid.
      await reloadFlow();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      className="dialog parameters-dialog"
      labelledBy="parameters-title"
      testId="parameters-dialog"
      onClose={onClose}
    >
      <h2 id="parameters-title">Parameters</h2>
      <p className="dialog-subtitle">
        Properties refer to a parameter as <code>#&#123;name&#125;</code>. Sensitive values are
        stored encrypted and never shown again.
      </p>
      {draft === null && !error && <p role="status">Loading…</p>}
      {draft !== null && (
        <div className="parameters-body">
          <nav className="parameters-contexts" aria-label="Parameter contexts">
            {draft.contexts.map((c) => (
              <button
                key={c.id}
                type="button"
                className="parameters-context"
                aria-current={c.id === selected ? 'true' : undefined}
                onClick={() => setSelected(c.id)}
              >
                {c.name || 'Unnamed'}
                {c.id === draft.boundContextId && <span className="parameters-bound">in use</span>}
              </button>
            ))}
            <button type="button" className="panel-button panel-button-small" onClick={addContext}>
              Add context
            </button>
          </nav>
          {context ? (
            <section className="parameters-context-editor" aria-label={`Context ${context.name}`}>
              <div className="parameters-context-fields">
                <label>
                  Name
                  <input
                    value={context.name}
                    onChange={(e) => updateContext((c) => ({ ...c, name: e.target.value }))}
                  />
                </label>
                <label className="parameters-bind">
                  <input
                    type="checkbox"
                    checked={draft.boundContextId === context.id}
                    onChange={(e) =>
                      update({ ...draft, boundContextId: e.target.checked ? context.id : null })
                    }
                  />
                  Use for this flow
                </label>
                <button
                  type="button"
                  className="panel-button panel-button-small danger"
                  onClick={() =>
                    update({
                      boundContextId:
                        draft.boundContextId === context.id ? null : draft.boundContextId,
                      contexts: draft.contexts.filter((c) => c.id !== context.id),
                    })
                  }
                >
                  Delete context
                </button>
              </div>
              {problems.get(context.id) && <p role="alert">{problems.get(context.id)}</p>}
              <table className="parameters-table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Value</th>
                    <th>Sensitive</th>
                    <th>Description</th>
                    <th aria-label="Actions" />
                  </tr>
                </thead>
                <tbody>
                  {context.rows.map((row) => (
                    <ParameterRowFields
                      key={row.key}
                      row={row}
                      problem={problems.get(row.key)}
                      onChange={(next) =>
                        updateContext((c) => ({
                          ...c,
                          rows: c.rows.map((r) => (r.key === row.key ? next : r)),
                        }))
                      }
                      onRemove={() =>
                        updateContext((c) => ({
                          ...c,
                          rows: c.rows.filter((r) => r.key !== row.key),
                        }))
                      }
                    />
                  ))}
                </tbody>
              </table>
              <button
                type="button"
                className="panel-button panel-button-small"
                onClick={() => updateContext((c) => ({ ...c, rows: [...c.rows, emptyRow()] }))}
              >
                Add parameter
              </button>
            </section>
          ) : (
            <p className="dialog-note">No parameter context yet: add one.</p>
          )}
        </div>
      )}
      {error && (
        <p className="parameters-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        {saved && <span role="status">Saved</span>}
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={draft === null || problems.size > 0 || saving}
          onClick={() => void save()}
        >
          Save
        </button>
      </div>
    </Modal>
  );
}
