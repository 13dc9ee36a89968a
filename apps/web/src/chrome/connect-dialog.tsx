import { useState, type FormEvent } from 'react';
import { connect } from '../actions/add.js';
import { reportFailure } from '../actions/report.js';
import { errorMessage } from '../api/client.js';
import { connectableRelationships } from '../graph/connect-rules.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useUiStore, type ConnectRequest } from '../stores/ui-store.js';
import './dialog.css';

/**
 * The dialog after a connection is drawn: pick the source's relationships to route to the
 * destination (those already connected to it are not offered), then Add.
 */
export function ConnectDialog() {
  const request = useUiStore((s) => s.connectRequest);
  if (!request) return null;
  return <OpenConnectDialog key={`${request.source}>${request.destination}`} request={request} />;
}

function OpenConnectDialog({ request }: { readonly request: ConnectRequest }) {
  const source = useGraphStore((s) => s.processors.find((p) => p.id === request.source));
  const destination = useGraphStore((s) => s.processors.find((p) => p.id === request.destination));
  const connections = useGraphStore((s) => s.connections);
  const entry = useCatalogStore((s) => (source ? s.byType[source.type] : undefined));
  const available = source
    ? connectableRelationships(source, request.destination, entry, connections)
    : [];
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() =>
    // With a single choice there is nothing to choose.
    available.length === 1 ? new Set(available) : new Set(),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => useUiStore.getState().requestConnect(null);
  const describe = (name: string) => entry?.relationships.find((r) => r.name === name)?.description;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.size === 0 || busy) return;
    setBusy(true);
    setError(null);
    try {
      // In the source type's order, not the order of the clicks.
      await connect(
        request.source,
        request.destination,
        available.filter((r) => chosen.has(r)),
      );
      close();
    } catch (e) {
      setError(errorMessage(e));
      reportFailure(e);
      setBusy(false);
    }
  };

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && close()}
    >
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="connect-title"
        data-testid="connect-dialog"
        onSubmit={submit}
        onKeyDown={(event) => event.key === 'Escape' && close()}
      >
        <h2 id="connect-title">Create connection</h2>
        <p className="dialog-subtitle">
          <strong>{source?.name ?? request.source}</strong> →{' '}
          <strong>{destination?.name ?? request.destination}</strong>
        </p>
        {available.length === 0 ? (
          <p className="dialog-note">
            Every relationship of {source?.name ?? 'this processor'} already goes to{' '}
            {destination?.name ?? 'this processor'}.
          </p>
        ) : (
          <fieldset className="relationship-list">
            <legend>Relationships</legend>
            {available.map((name, i) => (
              <label key={name} className="relationship-option">
                <input
                  type="checkbox"
                  // Named by the relationship alone; its description is read as a description.
                  aria-label={name}
                  aria-describedby={describe(name) ? `rel-desc-${i}` : undefined}
                  autoFocus={i === 0}
                  checked={chosen.has(name)}
                  onChange={(event) => {
                    const next = new Set(chosen);
                    if (event.target.checked) next.add(name);
                    else next.delete(name);
                    setChosen(next);
                  }}
                />
                <span className="relationship-name">{name}</span>
                {describe(name) && (
                  <span id={`rel-desc-${i}`} className="relationship-description">
                    {describe(name)}
                  </span>
                )}
              </label>
            ))}
          </fieldset>
        )}
        {error && (
          <p className="dialog-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={chosen.size === 0 || busy}>
            Add
          </button>
        </div>
      </form>
    </div>
  );
}
