import { useEffect, useState } from 'react';
import { Modal } from '../chrome/modal.js';
import { useGraphStore } from '../stores/graph-store.js';
import { connectionTitle } from './connection-title.js';
import { FlowFileDetails } from './flowfile-details.js';
import { useQueueInspectorStore } from './inspector-store.js';
import {
  clampOffset,
  lastOffset,
  nextOffset,
  PAGE_SIZES,
  previousOffset,
  rangeLabel,
} from './paging.js';
import { QueueTable, type SortState } from './queue-table.js';
import { useDebounced } from './use-debounced.js';
import { useQueuePage } from './use-queue-page.js';
import './queue-inspector.css';

/** Attribute names offered for the filter (any other can be typed). */
const COMMON_ATTRIBUTES = ['filename', 'uuid', 'path', 'mime.type'];

/** Wait after the last keystroke before the filter asks the server. */
const FILTER_DEBOUNCE_MS = 300;

/**
 * The queue inspector: every flowfile queued in a connection (swapped ones included) page by
 * page, sortable and filterable, with one flowfile's details and content beside the list.
 * Opened from a connection's context menu ("List queue").
 */
export function QueueInspector() {
  const connectionId = useQueueInspectorStore((s) => s.connectionId);
  const flowId = useGraphStore((s) => s.flowId);
  if (!connectionId || !flowId) return null;
  return (
    <OpenInspector key={`${flowId}/${connectionId}`} flowId={flowId} connectionId={connectionId} />
  );
}

function OpenInspector({
  flowId,
  connectionId,
}: {
  readonly flowId: string;
  readonly connectionId: string;
}) {
  const title = useGraphStore((s) =>
    connectionTitle(
      s.connections.find((c) => c.id === connectionId),
      s.processors,
      connectionId,
    ),
  );
  const emptied = useQueueInspectorStore((s) => s.emptied);
  const confirming = useQueueInspectorStore((s) => s.emptyRequest !== null);
  const [offset, setOffset] = useState(0);
  const [pageSize, setPageSize] = useState<number>(100);
  const [sort, setSort] = useState<SortState>({ sort: 'position', direction: 'asc' });
  const [filterText, setFilterText] = useState('');
  const [attribute, setAttribute] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const filter = useDebounced(filterText.trim(), FILTER_DEBOUNCE_MS);
  const attributeName = useDebounced(attribute.trim(), FILTER_DEBOUNCE_MS);
  const { page, receivedAt, loading, error, reload } = useQueuePage(
    {
      flowId,
      connectionId,
      offset,
      limit: pageSize,
      sort: sort.sort,
      direction: sort.direction,
      filter,
      attribute: attributeName,
    },
    // The queue shrank under the open page: step back inside it.
    (total) => setOffset(clampOffset(offset, pageSize, total)),
  );
  const close = () => useQueueInspectorStore.getState().close();
  /** Any change of what is listed starts from the first page. */
  const fromStart =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setOffset(0);
    };

  // Emptied (here or from the canvas): list again.
  useEffect(() => {
    if (emptied > 0) reload();
  }, [emptied, reload]);

  const total = page?.total ?? 0;
  const next = nextOffset(offset, pageSize, total);
  return (
    <Modal
      className="qi-dialog"
      backdropClassName="qi-backdrop"
      labelledBy="qi-title"
      testId="queue-inspector"
      // While "Empty queue?" is asked on top, the inspector stays open behind it.
      onClose={() => !confirming && close()}
    >
      <header className="qi-head">
        <div>
          <h2 id="qi-title">Queue</h2>
          <p className="qi-subtitle">{title}</p>
        </div>
        <div className="qi-head-actions">
          <span className="qi-queued" data-testid="queue-queued">
            {page ? `${page.queued.toLocaleString('en-US')} queued` : ''}
          </span>
          <button type="button" className="btn" onClick={reload} disabled={loading}>
            Refresh
          </button>
          <button
            type="button"
            className="btn qi-danger"
            disabled={!page || page.queued === 0}
            onClick={() => useQueueInspectorStore.getState().requestEmpty(connectionId)}
          >
            Empty queue
          </button>
          <button type="button" className="btn" onClick={close}>
            Close
          </button>
        </div>
      </header>
      <div className="qi-filter">
        <input
          type="search"
          aria-label="Filter"
          placeholder="Filter by attribute value…"
          data-testid="queue-filter"
          autoFocus
          value={filterText}
          onChange={(event) => fromStart(setFilterText)(event.target.value)}
        />
        <label className="qi-inline">
          in
          <input
            className="qi-attribute"
            aria-label="Attribute"
            placeholder="any attribute"
            list="qi-attribute-names"
            data-testid="queue-filter-attribute"
            value={attribute}
            onChange={(event) => fromStart(setAttribute)(event.target.value)}
          />
        </label>
        <datalist id="qi-attribute-names">
          {COMMON_ATTRIBUTES.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {loading && <span className="qi-note">Loading…</span>}
      </div>
      {error && (
        <p className="qi-error" role="alert" data-testid="queue-error">
          {error}
        </p>
      )}
      <div className={`qi-body${selected ? ' with-details' : ''}`}>
        <div className="qi-list">
          {page && page.flowFiles.length === 0 ? (
            <p className="qi-note qi-empty" data-testid="queue-empty">
              {page.queued === 0 ? 'The queue is empty.' : 'No queued flowfile matches the filter.'}
            </p>
          ) : (
            <QueueTable
              rows={page?.flowFiles ?? []}
              sort={sort}
              selected={selected}
              now={receivedAt}
              onSort={fromStart(setSort)}
              onSelect={setSelected}
            />
          )}
        </div>
        {selected && (
          <FlowFileDetails
            key={selected}
            flowId={flowId}
            connectionId={connectionId}
            flowFileId={selected}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
      <footer className="qi-pager">
        <label className="qi-inline">
          Page size
          <select
            value={pageSize}
            onChange={(event) => fromStart(setPageSize)(Number(event.target.value))}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <span className="qi-range" data-testid="queue-range" aria-live="polite">
          {page ? rangeLabel(page.offset, page.flowFiles.length, page.total, page.queued) : ''}
        </span>
        <div className="qi-pager-buttons">
          <button
            type="button"
            className="btn"
            disabled={offset === 0}
            onClick={() => setOffset(0)}
          >
            First
          </button>
          <button
            type="button"
            className="btn"
            disabled={offset === 0}
            onClick={() => setOffset(previousOffset(offset, pageSize))}
          >
            Previous
          </button>
          <button
            type="button"
            className="btn"
            disabled={next === undefined}
            onClick={() => next !== undefined && setOffset(next)}
          >
            Next
          </button>
          <button
            type="button"
            className="btn"
            disabled={next === undefined}
            onClick={() => setOffset(lastOffset(pageSize, total))}
          >
            Last
          </button>
        </div>
      </footer>
    </Modal>
  );
}
